import simpleRest from "@refinedev/simple-rest";
import { API_URL, http } from "./http";

/** @refinedev/simple-rest unchanged: the API follows its conventions (X-Total-Count, _start/_end, PATCH). */
export const dataProvider = simpleRest(API_URL, http);
