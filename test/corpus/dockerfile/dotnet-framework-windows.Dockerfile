# escape=`
FROM mcr.microsoft.com/dotnet/framework/sdk:4.8 AS build
WORKDIR C:\src
COPY *.sln .
COPY LegacyPortal\*.csproj .\LegacyPortal\
COPY LegacyPortal\packages.config .\LegacyPortal\
RUN nuget restore
COPY LegacyPortal\. .\LegacyPortal\
RUN msbuild LegacyPortal\LegacyPortal.csproj /p:Configuration=Release `
    /p:DeployOnBuild=true /p:PublishProfile=FolderProfile /p:PublishUrl=C:\publish

FROM mcr.microsoft.com/dotnet/framework/aspnet:4.8
SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop';"]
WORKDIR /inetpub/wwwroot
COPY --from=build C:\publish .
COPY LegacyPortal\Web.Production.config .\Web.config
ENV ASPNET_ENVIRONMENT=Production `
    ConnectionStrings__Portal="Data Source=10.20.0.15;Initial Catalog=Portal;User ID=portal;Password=Portal#2021"
