// HTTP routes of this deployment.
import { httpRouter } from "convex/server";
import { httpAction } from "./_generated/server";

const http = httpRouter();

{{ROUTES}}
export default http;
