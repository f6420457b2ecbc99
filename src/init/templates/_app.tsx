// Every page, signed in to Convex as the Auth.js user. Written by `convex-authjs init`.
import type { AppProps } from "next/app";
import ConvexClientProvider from "{{PROVIDER}}";

export default function App({ Component, pageProps }: AppProps) {
  return (
    <ConvexClientProvider session={pageProps.session}>
      <Component {...pageProps} />
    </ConvexClientProvider>
  );
}
