using System.Text.Json.Nodes;
using Weft.ControlPlane.GatewayApi;
using Weft.ControlPlane.Translation.Gateways;

namespace Weft.ControlPlane.Tests.Gateways;

/// <summary>The JSON the control plane writes as Gateway API status.</summary>
public sealed class GatewayStatusDocumentTests
{
    private static readonly DateTimeOffset First = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = First.AddMinutes(5);

    private static RouteStatus Route(bool accepted, long generation = 1) => new("HTTPRoute", "apps", "web", generation,
        [new RouteParentStatus("infra", "shared", null, null,
            [accepted ? new GatewayCondition("Accepted", true, "Accepted", "Route was valid") : new GatewayCondition("Accepted", false, "NotAllowedByListeners", "no")])]);

    [Fact]
    public void A_condition_that_did_not_change_keeps_its_transition_time_so_rewriting_it_changes_nothing()
    {
        var first = GatewayStatusDocument.Route(Route(true), null, First);
        var again = GatewayStatusDocument.Route(Route(true), first, Later);

        JsonNode.DeepEquals(first, again).Should().BeTrue();
        again["parents"]![0]!["conditions"]![0]!["lastTransitionTime"]!.GetValue<string>().Should().Be("2026-01-01T10:00:00Z");
    }

    [Fact]
    public void A_condition_that_changed_or_a_new_generation_gets_a_new_transition_time()
    {
        var first = GatewayStatusDocument.Route(Route(true), null, First);

        GatewayStatusDocument.Route(Route(false), first, Later)["parents"]![0]!["conditions"]![0]!["lastTransitionTime"]!.GetValue<string>().Should().Be("2026-01-01T10:05:00Z");
        var bumped = GatewayStatusDocument.Route(Route(true, generation: 2), first, Later)["parents"]![0]!["conditions"]![0]!;
        bumped["lastTransitionTime"]!.GetValue<string>().Should().Be("2026-01-01T10:05:00Z");
        bumped["observedGeneration"]!.GetValue<long>().Should().Be(2);
    }

    [Fact]
    public void Parents_written_by_other_controllers_are_kept_beside_ours()
    {
        var current = new JsonObject
        {
            ["parents"] = new JsonArray(new JsonObject { ["controllerName"] = "example.com/other", ["parentRef"] = new JsonObject { ["name"] = "theirs" } }),
        };

        var written = GatewayStatusDocument.Route(Route(true), current, First);

        written["parents"]!.AsArray().Select(p => p!["controllerName"]!.GetValue<string>()).Should().Equal("example.com/other", "istio.io/gateway-controller");
        written["parents"]![1]!["parentRef"]!.ToJsonString().Should().Be("""{"group":"gateway.networking.k8s.io","kind":"Gateway","name":"shared","namespace":"infra"}""");
    }
}
