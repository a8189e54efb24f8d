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
