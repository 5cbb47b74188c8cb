// The worker is a complete bundle already (build.mjs): copy it as a file instead of parsing it
// again; the plugin finds it with new URL("./kernel.worker.js", import.meta.url).
module.exports = {
  module: {
    rules: [
      {
        test: /\.worker\.js$/,
        type: "asset/resource",
        generator: { filename: "[name].[contenthash][ext]" },
      },
    ],
  },
};
