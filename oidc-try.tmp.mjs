import Provider from "oidc-provider";
const p = new Provider("http://127.0.0.1:4999", { clients: [{ client_id: "c", client_secret: "s", redirect_uris: ["http://127.0.0.1:3222/api/auth/oauth2/callback/oidc"] }] });
console.log("ok", typeof p.callback);
