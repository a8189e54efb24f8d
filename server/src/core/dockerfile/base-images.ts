/** The base images of a Dockerfile that are pulled from a registry, written out in full. */
import type { DockerfileModel, ImageReference } from './model';

/**
 * Each stage's base image that comes from a registry: not `scratch`, not an earlier build stage, and
 * known after `ARG` defaults are expanded (an image left to a build argument without a default says
 * nothing about where it comes from).
 */
export function pulledBaseImages(model: DockerfileModel): ImageReference[] {
  const images: ImageReference[] = [];
  for (const stage of model.stages) {
    const image = stage.image;
    if (!image.expanded || !image.name || stage.parent || image.name.toLowerCase() === 'scratch') continue;
    const earlier = model.stageByReference(image.expanded);
    if (earlier && earlier.index < stage.index) continue;
    images.push(image);
  }
  return images;
}

/**
 * True when an image is built on Alpine Linux, by its name (`alpine`, `library/alpine`, `…/alpine`) or
 * its tag (`3.12-alpine`, `alpine3.20`, `lts-alpine-slim`): musl libc, BusyBox's `sh` and `wget`, no curl.
 */
export function isAlpineImage(name: string, tag: string | undefined): boolean {
  return /(^|\/)alpine$/.test(name.toLowerCase()) || /(^|[-.])alpine/.test((tag ?? '').toLowerCase());
}

/**
 * The port ASP.NET Core listens on in Microsoft's `aspnet` image when nothing else sets one: 8080 from .NET 8 (the image
 * sets `ASPNETCORE_HTTP_PORTS=8080`), 80 before it (`ASPNETCORE_URLS=http://+:80`, the `dotnet/core/aspnet` images
 * too). Undefined for other images and for tags that name no version (`latest`, a variable).
 */
export function aspnetImagePort(image: ImageReference | undefined): number | undefined {
  if (!image?.name || !/^mcr\.microsoft\.com\/dotnet\/(core\/)?aspnet$/i.test(image.name)) return undefined;
  const major = /^(\d+)\./.exec(image.tag ?? '')?.[1];
  if (major === undefined) return undefined;
  return Number(major) >= 8 ? 8080 : 80;
}
