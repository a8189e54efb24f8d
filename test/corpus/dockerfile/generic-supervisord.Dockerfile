FROM ubuntu:22.04

ENV DEBIAN_FRONTEND=noninteractive
RUN <<EOF
set -eux
apt-get update
apt-get install -y --no-install-recommends nginx php8.1-fpm supervisor openssh-server redis-tools
rm -rf /var/lib/apt/lists/*
mkdir -p /var/run/sshd /var/log/supervisor
EOF

COPY supervisord.conf /etc/supervisor/conf.d/supervisord.conf
COPY site.conf /etc/nginx/sites-available/default
COPY --chown=www-data:www-data app/ /var/www/html/

EXPOSE 80 22
VOLUME ["/var/log/nginx"]
CMD ["/usr/bin/supervisord", "-c", "/etc/supervisor/conf.d/supervisord.conf"]
