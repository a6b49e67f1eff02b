import { createRoot } from "react-dom/client";
import { StrictMode } from "react";
import "./i18n/setup";
import App from "./App";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
