# syntax=docker/dockerfile:1
ARG DOTNET_VERSION=8.0

FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
ARG TARGETARCH
WORKDIR /source
COPY --link Orders.Api/*.csproj Orders.Api/
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    dotnet restore Orders.Api/Orders.Api.csproj -a $TARGETARCH
COPY --link . .
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    dotnet publish Orders.Api/Orders.Api.csproj -a $TARGETARCH --no-restore -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION}-bookworm-slim
EXPOSE 8080
WORKDIR /app
COPY --link --from=build /app .
COPY --link appsettings.json .
USER $APP_UID
ENTRYPOINT ["dotnet", "Orders.Api.dll"]
