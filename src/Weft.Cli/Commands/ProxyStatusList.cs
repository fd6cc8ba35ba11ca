using Weft.Api.Documents;
using Weft.Cli.Http;

namespace Weft.Cli.Commands;

/// <summary>The control plane's list of proxies (GET /apis/weft.io/v1/proxies), shared by proxy-status and proxy-config.</summary>
public static class ProxyStatusList
{
    public const string Path = "apis/weft.io/v1/proxies";

    public static async Task<IReadOnlyList<MapNode>> ListAsync(ApiClient client, CancellationToken ct)
    {
        var list = await client.GetAsync(Path, ct);
        return (list as MapNode)?["items"] is SeqNode items
            ? [.. items.Items.OfType<MapNode>()]
            : [];
    }

    /// <summary><c>name.ns</c> or <c>name</c> (in the default namespace). Workload names have no dots (DNS labels), so the first dot splits.</summary>
    public static (string Name, string Namespace) Split(string workload, string defaultNamespace)
    {
        var dot = workload.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? (workload, defaultNamespace) : (workload[..dot], workload[(dot + 1)..]);
    }

    /// <summary>The proxy's admin address, or an error that says why it cannot be read.</summary>
    public static async Task<(MapNode Proxy, string Admin)> FindAsync(ApiClient client, string workload, string defaultNamespace, CancellationToken ct)
    {
        var (name, ns) = Split(workload, defaultNamespace);
        var proxy = (await ListAsync(client, ct)).FirstOrDefault(p => p.GetString("name") == name && p.GetString("namespace") == ns)
            ?? throw new CliException($"no proxy \"{name}\" in namespace \"{ns}\" has connected to the control plane at {client.Config.Server} (see weft proxy-status)");
        var admin = proxy.GetString("adminAddress")
            ?? throw new CliException($"proxy {name}.{ns} did not tell the control plane where its admin endpoint is; it is older than this weft");
        return (proxy, admin);
    }
}
