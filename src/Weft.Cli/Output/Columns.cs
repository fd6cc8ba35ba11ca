using System.Globalization;
using Weft.Api.Documents;
using Weft.Api.Kinds;

namespace Weft.Cli.Output;

/// <summary>One column of `weft get`: a header and how to read the cell from an object.</summary>
public sealed record Column(string Header, Func<MapNode, DateTimeOffset, string> Cell, bool WideOnly = false);

/// <summary>
/// The columns `weft get` prints per kind: the printer columns the CRDs declare (Istio's and the
/// Gateway API's) and kubectl's for core kinds, then AGE; kinds without any get NAME and AGE.
/// </summary>
public static class KindColumns
{
    public static IReadOnlyList<Column> For(KindInfo kind)
    {
        var columns = new List<Column> { new("NAME", (o, _) => o.GetMap("metadata")?.GetString("name") ?? "") };
        columns.AddRange((kind.Group, kind.Kind) switch
        {
            ("networking.istio.io", "VirtualService") => [Path("GATEWAYS", "spec.gateways"), Path("HOSTS", "spec.hosts")],
            ("networking.istio.io", "DestinationRule") => [Path("HOST", "spec.host")],
            ("networking.istio.io", "ServiceEntry") => [Path("HOSTS", "spec.hosts"), Path("LOCATION", "spec.location"), Path("RESOLUTION", "spec.resolution")],
            ("networking.istio.io", "WorkloadEntry") => [Path("ADDRESS", "spec.address"), Path("LABELS", "spec.labels", wide: true)],
            ("security.istio.io", "AuthorizationPolicy") => [Path("ACTION", "spec.action")],
            ("security.istio.io", "PeerAuthentication") => [Path("MODE", "spec.mtls.mode")],
            ("gateway.networking.k8s.io", "GatewayClass") => [Path("CONTROLLER", "spec.controllerName"), Condition("ACCEPTED", "Accepted")],
            ("gateway.networking.k8s.io", "Gateway") => [Path("CLASS", "spec.gatewayClassName"), Path("ADDRESS", "status.addresses[0].value"), Condition("PROGRAMMED", "Programmed")],
            ("gateway.networking.k8s.io", "HTTPRoute" or "GRPCRoute" or "TLSRoute") => [Path("HOSTNAMES", "spec.hostnames")],
            ("", "Service") => [Path("TYPE", "spec.type", fallback: "ClusterIP"), Path("CLUSTER-IP", "spec.clusterIP", fallback: "<none>"), Path("EXTERNAL-IP", "spec.externalIPs", fallback: "<none>"), new Column("PORT(S)", (o, _) => ServicePorts(o)), Path("SELECTOR", "spec.selector", wide: true)],
            ("", "Namespace") => [Path("STATUS", "status.phase", fallback: "Active")],
            ("", "ConfigMap") => [new Column("DATA", (o, _) => Count(o["data"]) + Count(o["binaryData"]))],
            ("", "Secret") => [Path("TYPE", "type", fallback: "Opaque"), new Column("DATA", (o, _) => Count(o["data"]) + Count(o["stringData"]))],
            ("maistra.io", "ServiceMeshMemberRoll") => [Path("MEMBERS", "spec.members")],
            _ => [],
        });
        columns.Add(new Column("AGE", (o, now) => Age.Since(o.GetMap("metadata")?.GetString("creationTimestamp"), now)));
        return columns;
    }

    private static Column Path(string header, string path, bool wide = false, string fallback = "") =>
        new(header, (o, _) => Format(Select(o, path)) is { Length: > 0 } v ? v : fallback, wide);

    private static Column Condition(string header, string type) => new(header, (o, _) =>
    {
        if (o.GetMap("status")?["conditions"] is SeqNode conditions)
            foreach (var c in conditions.Items.OfType<MapNode>())
                if (c.GetString("type") == type)
                    return c.GetString("status") ?? "Unknown";
        return "Unknown";
    });

    private static string Count(Node? n) => n is MapNode m ? m.Entries.Count.ToString(CultureInfo.InvariantCulture) : "0";

    private static string ServicePorts(MapNode o)
    {
        if (o.GetMap("spec")?["ports"] is not SeqNode ports || ports.Items.Count == 0)
            return "<none>";
        return string.Join(",", ports.Items.OfType<MapNode>().Select(p =>
            $"{p.GetString("port")}{(p.GetString("nodePort") is { } np ? ":" + np : "")}/{p.GetString("protocol") ?? "TCP"}"));
    }

    /// <summary>A dotted path with optional [index] steps: <c>status.addresses[0].value</c>.</summary>
    public static Node? Select(Node root, string path)
    {
        Node? current = root;
        foreach (var part in path.Split('.'))
        {
            var name = part;
            int? index = null;
            var open = part.IndexOf('[', StringComparison.Ordinal);
            if (open >= 0)
            {
                name = part[..open];
                index = int.Parse(part[(open + 1)..^1], CultureInfo.InvariantCulture);
            }
            current = (current as MapNode)?[name];
            if (index is { } i)
                current = current is SeqNode s && i < s.Items.Count ? s.Items[i] : null;
            if (current is null)
                return null;
        }
        return current;
    }

    /// <summary>Scalars as text; lists and maps as compact JSON, as kubectl prints printer columns.</summary>
    public static string Format(Node? n) => n switch
    {
        null => "",
        ScalarNode { Kind: ScalarKind.Null } => "",
        ScalarNode s => s.Value,
        SeqNode { Items.Count: 0 } => "",
        _ => NodeWriter.ToJson(n, indented: false),
    };
}
