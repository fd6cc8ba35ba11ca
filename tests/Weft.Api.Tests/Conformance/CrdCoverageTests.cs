using Weft.Api.Binding;
using Weft.Api.Documents;
using Weft.Api.Kinds;
using Weft.Testing;

namespace Weft.Api.Tests.Conformance;

/// <summary>
/// "Every field of those APIs, not a convenient subset": walks the OpenAPI schema of each CRD in
/// the corpus (Istio's crd-all.gen.yaml, the Gateway API's standard CRDs) and checks that our
/// typed model declares every field, and no field the API lacks.
/// </summary>
public class CrdCoverageTests
{
    public static TheoryData<string, string> Crds()
    {
        var data = new TheoryData<string, string>();
        foreach (var (file, kind) in CrdIndex())
            data.Add(file, kind);
        return data;
    }

    // The CRD files and kinds to check; listed statically so the rows exist even without the corpus.
    private static IEnumerable<(string File, string Kind)> CrdIndex()
    {
        const string istio = "istio/crds/crd-all.gen.yaml";
        foreach (var k in new[]
        {
            "DestinationRule", "EnvoyFilter", "Gateway", "ProxyConfig", "ServiceEntry", "Sidecar", "VirtualService",
            "WorkloadEntry", "WorkloadGroup", "AuthorizationPolicy", "PeerAuthentication", "RequestAuthentication",
            "Telemetry", "WasmPlugin", "TrafficExtension",
        })
            yield return (istio, k);
        foreach (var (f, k) in new[]
        {
            ("gatewayclasses", "GatewayClass"), ("gateways", "Gateway"), ("httproutes", "HTTPRoute"), ("grpcroutes", "GRPCRoute"),
            ("referencegrants", "ReferenceGrant"), ("tcproutes", "TCPRoute"), ("tlsroutes", "TLSRoute"), ("udproutes", "UDPRoute"),
            ("backendtlspolicies", "BackendTLSPolicy"), ("listenersets", "ListenerSet"),
        })
            yield return ($"gateway-api/config/crd/standard/gateway.networking.k8s.io_{f}.yaml", k);
    }

    [Theory]
    [MemberData(nameof(Crds))]
    public void Every_field_of_the_crd_schema_is_in_the_model(string file, string kind)
    {
        var path = Repo.RequireCorpus(file);
        var (docs, errors) = DocumentReader.Read(File.ReadAllText(path), path);
        errors.Should().BeEmpty();
        var crd = docs.Select(d => (MapNode)d.Root!).Single(d => d.GetMap("spec")?.GetMap("names")?.GetString("kind") == kind);
        var group = crd.GetMap("spec")!.GetString("group")!;
        var info = KindRegistry.Default.Find(group, kind);
        info.Should().NotBeNull($"{kind} ({group}) is an API Weft must model");
        info!.Support.Should().NotBe(KindSupport.Stored, $"{kind} must be typed, not stored as written");

        var problems = new List<string>();
        var versions = (SeqNode)crd.GetMap("spec")!["versions"]!;
        foreach (var v in versions.Items.Cast<MapNode>())
        {
            var version = v.GetString("name")!;
            if (v["served"] is ScalarNode { Value: "false" })
                continue;
            info.Versions.Should().Contain(version, $"{kind} is served at {group}/{version}");
            var schema = v.GetMap("schema")!.GetMap("openAPIV3Schema")!;
            var shape = Shapes.ForObject(info.ClrType);
            Compare(schema, shape, "", problems, version);
        }
        problems.Distinct().Should().BeEmpty($"the model of {kind} must match its CRD field for field");
    }

    private static void Compare(MapNode schema, ValueShape shape, string path, List<string> problems, string version)
    {
        if (shape is MapShape map)
        {
            if (schema.GetMap("additionalProperties") is { } ap)
                Compare(ap, map.Value, path + "[*]", problems, version);
            return;
        }
        if (shape is ObjectShape obj)
        {
            var props = schema.GetMap("properties");
            if (props is null)
                return;
            foreach (var e in props.Entries)
            {
                var name = e.Key.Value;
                var fieldPath = path.Length == 0 ? name : path + "." + name;
                if (path.Length == 0 && name is "apiVersion" or "kind" or "metadata")
                    continue;
                if (!obj.ByWire.TryGetValue(name, out var field))
                {
                    problems.Add($"{version}: {fieldPath} is in the CRD but not in {obj.Type.Name}");
                    continue;
                }
                if (e.Value is MapNode child)
                    Compare(child, field.Shape, fieldPath, problems, version);
            }
            foreach (var f in obj.Fields)
            {
                if (path.Length == 0 && f.WireName is "apiVersion" or "kind" or "metadata")
                    continue;
                if (props[f.WireName] is null)
                    problems.Add($"{version}: {(path.Length == 0 ? f.WireName : path + "." + f.WireName)} is in {obj.Type.Name} but not in the CRD");
            }
            return;
        }
        if (shape is ListShape list && schema.GetMap("items") is { } items)
            Compare(items, list.Element, path + "[*]", problems, version);
    }
}
