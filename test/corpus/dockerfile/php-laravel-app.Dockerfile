FROM composer:2.7 AS vendor
WORKDIR /app
COPY composer.json composer.lock ./
RUN composer install --no-dev --no-scripts --no-autoloader --prefer-dist

FROM php:8.3-fpm-alpine
RUN apk add --no-cache --virtual .build-deps $PHPIZE_DEPS \
 && pecl install redis-6.0.2 \
 && docker-php-ext-enable redis \
 && apk del .build-deps \
 && docker-php-ext-install pdo_mysql opcache
RUN apk add --no-cache mariadb nginx supervisor

COPY --from=composer:2.7 /usr/bin/composer /usr/bin/composer
WORKDIR /var/www/html
COPY --from=vendor /app/vendor ./vendor
COPY . .
RUN composer dump-autoload --optimize --no-dev

RUN echo "session.save_handler = files" > /usr/local/etc/php/conf.d/session.ini \
 && echo "session.save_path = /var/www/html/storage/sessions" >> /usr/local/etc/php/conf.d/session.ini

ENV APP_ENV=production \
    APP_DEBUG=false \
    DB_HOST=127.0.0.1 \
    SESSION_DRIVER=file \
    CACHE_STORE=redis

VOLUME /var/www/html/storage
EXPOSE 80 3306
CMD ["/usr/bin/supervisord", "-c", "/etc/supervisord.conf"]
