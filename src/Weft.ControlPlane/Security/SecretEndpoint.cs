using Weft.ControlPlane.Ca;
using Weft.ControlPlane.Config;
using Weft.Discovery.Security;
using Weft.Identity.Trust;

namespace Weft.ControlPlane.Security;

/// <summary>
/// <c>GET /weft.secrets.v1/secrets/NS/NAME</c> (<see cref="SecretProtocol"/>), weftd's SDS: on the
/// TLS port the caller is the identity its workload certificate proves (no certificate, or one
/// the mesh roots do not vouch for: 401 and nothing else); on the plaintext development listener
/// the namespace the proxy names. <see cref="SecretAuthorizer"/> decides; every refusal is logged
/// with who asked for what and why not. Keys are never logged.
/// </summary>
internal static partial class SecretEndpoint
{
    private const string Route = SecretProtocol.PathPrefix + "{ns}/{name}";

    /// <summary>On weftd's TLS port (15012): the workload certificate says who asks.</summary>
    public static void MapTls(WebApplication app, CaService ca, Func<ConfigSnapshot?> config, ILogger log) =>
        app.MapGet(Route, async (HttpContext ctx, string ns, string name) =>
        {
            var peer = $"{ctx.Connection.RemoteIpAddress}:{ctx.Connection.RemotePort}";
            var cert = await ctx.Connection.GetClientCertificateAsync(ctx.RequestAborted);
            var mesh = ca.Ca;
            var now = mesh.Time.GetUtcNow();
            var verdict = cert is null
                ? PeerVerification.Refused("no client certificate: a proxy asks for secrets with its workload certificate")
                : mesh.TrustBundleAt(now).VerifyPeer(cert, mesh.Generations.SelectMany(g => g.Authority?.ChainAboveLeaves ?? []), now);
            if (!verdict.Ok)
            {
                LogUnauthenticated(log, peer, $"{ns}/{name}", verdict.Error!);
                ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await ctx.Response.WriteAsync(verdict.Error!, ctx.RequestAborted);
                return;
            }
            await AnswerAsync(ctx, config(), verdict.Identity!.Namespace, verdict.Identity.ToString(), peer, ns, name, log);
        });

    /// <summary>On the plaintext listener (<c>--insecure-discovery-listen</c>): the namespace the proxy claims.</summary>
    public static void MapInsecure(WebApplication app, Func<ConfigSnapshot?> config, ILogger log) =>
        app.MapGet(Route, async (HttpContext ctx, string ns, string name) =>
        {
            var peer = $"{ctx.Connection.RemoteIpAddress}:{ctx.Connection.RemotePort}";
            var claimed = ctx.Request.Headers[SecretProtocol.NamespaceHeader].ToString();
            if (claimed.Length == 0)
            {
                ctx.Response.StatusCode = StatusCodes.Status400BadRequest;
                await ctx.Response.WriteAsync($"name the proxy's namespace in the {SecretProtocol.NamespaceHeader} header", ctx.RequestAborted);
                return;
            }
            await AnswerAsync(ctx, config(), claimed, $"a proxy claiming namespace {claimed} (plaintext, unauthenticated)", peer, ns, name, log);
        });

    private static async Task AnswerAsync(HttpContext ctx, ConfigSnapshot? config, string requesterNamespace, string who, string peer, string ns, string name, ILogger log)
    {
        if (config is null)
        {
            ctx.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }
        var decision = SecretAuthorizer.Decide(config, requesterNamespace, ns, name);
        if (decision.Secret is not { } secret)
        {
            LogRefused(log, who, peer, $"{ns}/{name}", decision.Status, decision.Reason!);
            ctx.Response.StatusCode = decision.Status;
            await ctx.Response.WriteAsync(decision.Reason!, ctx.RequestAborted);
            return;
        }
        LogServed(log, $"{ns}/{name}", secret.Version, who, peer);
        ctx.Response.ContentType = "application/json";
        ctx.Response.Headers.CacheControl = "no-store";
        await System.Text.Json.JsonSerializer.SerializeAsync(ctx.Response.Body, secret, SecretJsonContext.Default.TlsSecret, ctx.RequestAborted);
    }

    [LoggerMessage(1781, LogLevel.Warning, "Refused secret {Secret} to {Peer}: {Reason}")]
    private static partial void LogUnauthenticated(ILogger log, string peer, string secret, string reason);

    [LoggerMessage(1782, LogLevel.Warning, "Refused secret {Secret} ({Status}) to {Who} at {Peer}: {Reason}")]
    private static partial void LogRefused(ILogger log, string who, string peer, string secret, int status, string reason);

    [LoggerMessage(1783, LogLevel.Information, "Served secret {Secret} version {Version} to {Who} at {Peer}")]
    private static partial void LogServed(ILogger log, string secret, string version, string who, string peer);
}
