// Who Convex accepts tokens from: this app's Next.js server, whose key Convex finds at this
// deployment's own site URL (the routes in http.ts). Written by `convex-authjs init`.
const authConfig = {
  providers: [
    {{PROVIDER}},
  ],
};

export default authConfig;
