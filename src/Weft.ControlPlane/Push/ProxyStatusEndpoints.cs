using System.Globalization;
using System.Text.Json.Nodes;
using Weft.ControlPlane.Http;
using Weft.Discovery.Protocol;

namespace Weft.ControlPlane.Push;

/// <summary>
/// <c>GET /apis/weft.io/v1/proxies</c>: every proxy that connected since weftd started, for
/// <c>weft proxy-status</c> and <c>weft proxy-config</c>: who it is, where its admin endpoint is,
/// whether it is connected, the version last sent against the version it acknowledged, and its
/// last NACK.
/// </summary>
internal static class ProxyStatusEndpoints
{
    public const string Path = "/apis/weft.io/v1/proxies";

    public static void Map(WebApplication app, DiscoveryHost discovery)
    {
        app.MapGet(Path, (RequestDelegate)(async ctx =>
        {
            var items = new JsonArray();
            foreach (var p in discovery.Server.Proxies)
                items.Add(ToJson(p));
            await HttpJson.WriteAsync(ctx, 200, new JsonObject
            {
                ["apiVersion"] = "weft.io/v1",
                ["kind"] = "ProxyList",
                ["metadata"] = new JsonObject { ["resourceVersion"] = (discovery.Source.Current?.Revision ?? 0).ToString(CultureInfo.InvariantCulture) },
                ["items"] = items,
            });
        }));
    }

    public static JsonObject ToJson(ProxyStatus p) => new()
    {
        ["id"] = p.Id,
        ["name"] = p.Node.Name,
        ["namespace"] = p.Node.Namespace,
        ["kind"] = p.Node.Kind,
        ["mode"] = p.Node.Mode.ToString(),
        ["address"] = p.Node.Address,
        ["adminAddress"] = p.Node.AdminAddress,
        ["proxyVersion"] = p.Node.ProxyVersion,
        ["peer"] = p.Peer,
        ["transport"] = p.Identity is null ? "h2c" : "tls",
        ["identity"] = p.Identity,
        ["connected"] = p.Connected,
        ["connectedAt"] = p.ConnectedAt,
        ["disconnectedAt"] = p.DisconnectedAt,
        ["sentVersion"] = p.SentVersion,
        ["sentAt"] = p.SentAt,
        ["ackedVersion"] = p.AckedVersion,
        ["ackedAt"] = p.AckedAt,
        ["pushes"] = p.Pushes,
        ["lastNack"] = p.LastNack is { } n
            ? new JsonObject { ["version"] = n.Version, ["nonce"] = n.Nonce, ["error"] = n.Error, ["at"] = n.At }
            : null,
    };
}
