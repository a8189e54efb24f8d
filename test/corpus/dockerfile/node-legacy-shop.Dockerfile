FROM node:latest

RUN curl -fsSL https://deb.nodesource.com/setup_lts.x | bash - \
    && apt-get install -y redis-server build-essential

WORKDIR /usr/src/app
COPY package.json ./
RUN npm install
COPY . .

ENV NODE_ENV=development
ENV DATABASE_URL=postgres://shop:shop123@db.internal.example.com:5432/shop \
    REDIS_URL=redis://localhost:6379/0 \
    SESSION_SECRET=keyboard-cat-2019

VOLUME /usr/src/app/uploads
EXPOSE 8080 6379
CMD service redis-server start && npm install && node server.js
