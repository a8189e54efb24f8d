// placeholder, replaced by the real server shortly
export {};
