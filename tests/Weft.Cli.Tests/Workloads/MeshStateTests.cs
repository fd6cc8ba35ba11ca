using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Weft.Cli.Workloads;

namespace Weft.Cli.Tests.Workloads;

public class MeshStateTests
{
    private static JsonObject Obj(string json) => (JsonObject)JsonNode.Parse(json)!;

    private static readonly MeshState State = new(
        ImmutableDictionary.CreateRange(StringComparer.Ordinal, new[]
        {
            KeyValuePair.Create("travel-agency", Obj("""{"metadata":{"name":"travel-agency","labels":{"istio-injection":"enabled"}}}""")),
            KeyValuePair.Create("travel-portal", Obj("""{"metadata":{"name":"travel-portal","labels":{"istio-injection":"disabled"}}}""")),
        }),
        ["bookinfo"],
        [
            Obj("""{"metadata":{"name":"cars-vm","namespace":"travel-agency"},"spec":{"selector":{"app":"cars-vm"},"ports":[{"name":"http","port":8000,"targetPort":8080}]}}"""),
            Obj("""{"metadata":{"name":"headless","namespace":"travel-agency"},"spec":{"ports":[{"port":80}]}}"""),
        ],
        [
            Obj("""{"metadata":{"name":"cars-vm","namespace":"travel-agency","annotations":{"sidecar.istio.io/inject":"false"}},"spec":{"address":"127.10.0.2","labels":{"app":"cars-vm","version":"v1"}}}"""),
            Obj("""{"metadata":{"name":"cars-vm-v2","namespace":"travel-agency"},"spec":{"address":"127.10.0.3","labels":{"app":"cars-vm","version":"v2"}}}"""),
            Obj("""{"metadata":{"name":"cars-vm","namespace":"elsewhere"},"spec":{"address":"127.10.0.4","labels":{"app":"cars-vm"}}}"""),
            Obj("""{"metadata":{"name":"portal","namespace":"travel-portal","annotations":{"sidecar.istio.io/inject":"true"}},"spec":{"address":"127.10.0.5","labels":{"app":"portal"}}}"""),
        ]);

    [Theory]
    [InlineData("cars-vm", "travel-agency")]
    [InlineData("cars-vm.travel-agency", "travel-portal")]
    [InlineData("cars-vm.travel-agency.svc", "travel-portal")]
    [InlineData("cars-vm.travel-agency.svc.cluster.local", "travel-portal")]
    [InlineData("CARS-VM.travel-agency.svc.cluster.local.", "travel-portal")]
    public void Every_Kubernetes_form_of_a_service_name_resolves_to_its_selected_entries_on_the_target_port(string host, string caller) =>
        State.Resolve(host, 8000, caller).Should().Equal(new ServiceEndpoint("127.10.0.2", 8080), new ServiceEndpoint("127.10.0.3", 8080));

    [Fact]
    public void A_short_name_resolves_in_the_callers_namespace_only() =>
        State.Resolve("cars-vm", 8000, "travel-portal").Should().BeNull();

    [Fact]
    public void A_port_the_service_does_not_have_and_a_service_without_selector_have_no_endpoints()
    {
        State.Resolve("cars-vm.travel-agency", 9000, "x").Should().BeEmpty();
        State.Resolve("headless.travel-agency", 80, "x").Should().BeEmpty();
    }

    [Fact]
    public void Names_that_are_no_service_are_left_to_the_caller()
    {
        State.Resolve("example.com", 80, "travel-agency").Should().BeNull();
        State.Resolve("127.0.0.1", 80, "travel-agency").Should().BeNull();
    }

    [Fact]
    public void The_inject_annotation_beats_namespace_membership_which_comes_from_the_label_or_a_member_roll()
    {
        State.WantsSidecar("travel-agency", "cars-vm", null).Should().BeFalse("annotated false in a member namespace");
        State.WantsSidecar("travel-agency", "cars-vm-v2", null).Should().BeTrue("istio-injection=enabled");
        State.WantsSidecar("travel-portal", "portal", null).Should().BeTrue("annotated true in a namespace that is not a member");
        State.WantsSidecar("travel-portal", "other", null).Should().BeFalse("istio-injection=disabled");
        State.WantsSidecar("bookinfo", "reviews", null).Should().BeTrue("a ServiceMeshMemberRoll member");
        State.WantsSidecar("elsewhere", "cars-vm", null).Should().BeFalse("no label, no member roll");
        State.WantsSidecar("elsewhere", "cars-vm", true).Should().BeTrue("--sidecar=true when nothing is annotated");
    }
}
