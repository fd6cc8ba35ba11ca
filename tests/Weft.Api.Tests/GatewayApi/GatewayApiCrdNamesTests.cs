using Weft.Api.Documents;
using Weft.Api.Kinds;
using Weft.Testing;

namespace Weft.Api.Tests.GatewayApi;

/// <summary>
/// The names, scope and versions of each Gateway API kind are the ones its standard CRD declares
/// (read from the corpus), so <c>weft get</c> resolves what <c>kubectl get</c> resolves.
/// </summary>
public class GatewayApiCrdNamesTests
{
    public static TheoryData<string> Crds() =>
    [
        "gatewayclasses", "gateways", "httproutes", "grpcroutes", "referencegrants", "tcproutes", "tlsroutes", "udproutes",
        "backendtlspolicies", "listenersets",
    ];

    [Theory]
    [MemberData(nameof(Crds))]
    public void Names_scope_and_versions_match_the_standard_crd(string plural)
    {
        var path = Repo.RequireCorpus($"gateway-api/config/crd/standard/gateway.networking.k8s.io_{plural}.yaml");
        var (docs, errors) = DocumentReader.Read(File.ReadAllText(path), path);
        errors.Should().BeEmpty();
        var spec = docs.Select(d => ((MapNode)d.Root!).GetMap("spec")!).Single(s => s.GetMap("names") is not null);
        var names = spec.GetMap("names")!;
        var info = KindRegistry.Default.FindByPlural(spec.GetString("group")!, plural)!;

        info.Kind.Should().Be(names.GetString("kind"));
        info.Singular.Should().Be(names.GetString("singular"));
        info.Namespaced.Should().Be(spec.GetString("scope") == "Namespaced");
        var shortNames = names["shortNames"] is SeqNode s ? s.Items.Select(i => ((ScalarNode)i).Value).ToArray() : [];
        info.ShortNames.Should().Equal(shortNames);

        var versions = ((SeqNode)spec["versions"]!).Items.Cast<MapNode>().ToList();
        var served = versions.Where(v => v.GetString("served") == "true").Select(v => v.GetString("name")!).ToList();
        var known = versions.Select(v => v.GetString("name")!).ToList();
        info.Versions.Take(served.Count).Should().BeEquivalentTo(served, "the served versions come first");
        info.Versions.Should().BeSubsetOf(known, "Weft accepts no version the CRD does not list");
        info.PreferredVersion.Should().Be("v1");
    }
}
