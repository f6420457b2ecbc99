// Convex finds the key that checks this app's tokens here: the issuer is this deployment's
// site URL, and the JWKS is the JWKS environment variable (`npx convex-authjs env push`).
// Written by `convex-authjs init`.
{{ROUTER}}.route({
  path: "/.well-known/openid-configuration",
  method: "GET",
  handler: httpAction(async () => {
    const site = process.env.CONVEX_SITE_URL;
    return new Response(
      JSON.stringify({
        issuer: site,
        jwks_uri: `${site}/.well-known/jwks.json`,
        authorization_endpoint: `${site}/oauth/authorize`,
      }),
      {
        status: 200,
        headers: {
          "Content-Type": "application/json",
          "Cache-Control": "public, max-age=15, stale-while-revalidate=15",
        },
      },
    );
  }),
});

{{ROUTER}}.route({
  path: "/.well-known/jwks.json",
  method: "GET",
  handler: httpAction(async () => {
    const jwks = process.env.JWKS;
    if (jwks === undefined || jwks === "") {
      return new Response(
        "Missing JWKS Convex environment variable: run `npx convex-authjs env push`",
        { status: 500, headers: { "Content-Type": "text/plain" } },
      );
    }
    return new Response(jwks, {
      status: 200,
      headers: {
        "Content-Type": "application/json",
        "Cache-Control": "public, max-age=15, stale-while-revalidate=15",
      },
    });
  }),
});
