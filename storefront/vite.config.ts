import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/",
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL("../dist/storefront", import.meta.url)),
    emptyOutDir: true,
  },
  server: {
    port: 5174,
    proxy: { "/api": "http://localhost:3000", "/sso": "http://localhost:3000", "/uploads": "http://localhost:3000" },
  },
});
