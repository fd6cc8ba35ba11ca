using Weft.Api.Documents;
using Weft.Api.Kinds;
using Weft.Cli.Http;

namespace Weft.Cli.Commands;

/// <summary>Turns what the user typed (vs, virtualservices, httproute.gateway.networking.k8s.io) into a kind.</summary>
public static class KindResolver
{
    public static async Task<KindInfo> ResolveAsync(string name, ApiClient? client, CancellationToken ct)
    {
        var found = KindRegistry.Default.FindByName(name);
        if (found.Count > 0)
            return found[0];
        // Kinds Weft only stores (a CRD's objects, say) are known to the server by what was applied.
        if (client is not null)
        {
            var kinds = await client.GetAsync("apis/weft.io/v1/kinds", ct);
            if ((kinds as MapNode)?["items"] is SeqNode items)
            {
                foreach (var k in items.Items.OfType<MapNode>())
                {
                    var kind = k.GetString("kind") ?? "";
                    var plural = k.GetString("plural") ?? "";
                    var group = k.GetString("group") ?? "";
                    if (string.Equals(name, kind, StringComparison.OrdinalIgnoreCase) || string.Equals(name, plural, StringComparison.OrdinalIgnoreCase)
                        || string.Equals(name, kind.ToLowerInvariant(), StringComparison.Ordinal) || string.Equals(name, $"{plural}.{group}", StringComparison.OrdinalIgnoreCase))
                    {
                        var versions = (k["versions"] as SeqNode)?.Items.OfType<ScalarNode>().Select(v => v.Value).ToArray() ?? ["v1"];
                        return KindInfo.Stored(group, kind, plural, versions, k.GetString("namespaced") != "false");
                    }
                }
            }
        }
        throw new CliException($"the server doesn't have a resource type \"{name}\"");
    }
}
