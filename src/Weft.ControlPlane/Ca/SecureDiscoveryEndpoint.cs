using Weft.Discovery.Codec;
using Weft.Discovery.Protocol;

namespace Weft.ControlPlane.Ca;

/// <summary>
/// The push stream on weftd's TLS 1.3 port (15012, which serves discovery and certificates alike,
/// as Istio's does): the proxy authenticates with its workload certificate, and its hello must
/// name the namespace and service account that certificate proves, so a proxy only ever receives
/// the snapshot of its own identity. A plaintext h2c listener exists only when asked for
/// (--insecure-discovery-listen), for development and tests.
/// </summary>
internal static partial class SecureDiscoveryEndpoint
{
    public static void Map(WebApplication app, CaService ca, Func<DiscoveryServer?> discovery, ILogger log)
    {
        var stopping = app.Lifetime.ApplicationStopping;
        app.MapPost(HttpDiscoveryConnection.Path, async ctx =>
        {
            var peer = $"{ctx.Connection.RemoteIpAddress}:{ctx.Connection.RemotePort}";
            if (discovery() is not { } server)
            {
                ctx.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            var cert = await ctx.Connection.GetClientCertificateAsync(ctx.RequestAborted);
            var mesh = ca.Ca;
            var now = mesh.Time.GetUtcNow();
            var verdict = cert is null
                ? Weft.Identity.Trust.PeerVerification.Refused("no client certificate: a proxy connects with its workload certificate")
                : mesh.TrustBundleAt(now).VerifyPeer(cert, mesh.Generations.SelectMany(g => g.Authority?.ChainAboveLeaves ?? []), now);
            if (!verdict.Ok)
            {
                LogRefused(log, peer, verdict.Error!);
                ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await ctx.Response.WriteAsync(verdict.Error!, ctx.RequestAborted);
                return;
            }
            var identity = verdict.Identity!;
            using var session = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, stopping);
            await ctx.Response.StartAsync(ctx.RequestAborted);
            await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
            try
            {
                var hello = await MessageFraming.ReadAsync(ctx.Request.Body, SnapshotJsonContext.Default.DiscoveryRequest, session.Token);
                if (hello?.Node is not { } node)
                    return;
                if (node.Namespace != identity.Namespace || node.ServiceAccount != identity.ServiceAccount)
                {
                    LogImpostor(log, peer, identity.ToString(), node.Id, node.Namespace, node.ServiceAccount);
                    return;
                }
                using var replay = new MemoryStream();
                await MessageFraming.WriteAsync(replay, hello, SnapshotJsonContext.Default.DiscoveryRequest, session.Token);
                replay.Position = 0;
                await server.RunAuthenticatedSessionAsync(new PrefixedStream(replay, ctx.Request.Body), ctx.Response.Body, $"{peer} ({identity})", identity.ToString(), session.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException)
            {
            }
            catch (Exception e) when (e is InvalidDataException or System.Text.Json.JsonException)
            {
                LogBadStream(log, peer, e.Message);
            }
        });
    }

    [LoggerMessage(1761, LogLevel.Warning, "Refused a push stream from {Peer}: {Reason}")]
    private static partial void LogRefused(ILogger log, string peer, string reason);

    [LoggerMessage(1762, LogLevel.Warning, "Refused a push stream from {Peer}: its certificate proves {Identity}, but it asked for proxy {Node} of namespace {Namespace}, service account {ServiceAccount}; a proxy gets only its own identity's snapshot")]
    private static partial void LogImpostor(ILogger log, string peer, string identity, string node, string @namespace, string serviceAccount);

    [LoggerMessage(1763, LogLevel.Warning, "Closed the push stream from {Peer}: {Reason}")]
    private static partial void LogBadStream(ILogger log, string peer, string reason);
}
