export default {
  providers: [
    {{PROVIDER}},
  ],
};
