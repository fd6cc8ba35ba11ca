using Weft.Discovery.Routes;
using Weft.Discovery.Validation;

namespace Weft.Discovery.Tests.Validation;

public sealed class SnapshotValidatorTests
{
    private const string RouteAt = "routeConfigurations[outbound].virtualHosts[reviews.default.svc.cluster.local:9080].routes[split]";

    [Fact]
    public void The_sample_snapshot_is_valid()
        => SnapshotValidator.Validate(Samples.Reviews()).Should().BeEmpty();

    [Fact]
    public void A_route_to_an_undefined_cluster_is_rejected()
    {
        var s = Samples.Reviews();
        var r = Samples.FirstRoute(s);
        var bad = Samples.WithRoute(s, r with { Forward = r.Forward! with { Clusters = [new WeightedCluster { Name = "outbound|9080|v3|reviews.default.svc.cluster.local" }] } });

        SnapshotValidator.Validate(bad).Select(e => e.ToString()).Should().Equal(
            $"{RouteAt}.forward.clusters[0].name: names cluster \"outbound|9080|v3|reviews.default.svc.cluster.local\", which the snapshot does not define");
    }

    [Fact]
    public void A_regex_that_does_not_compile_is_rejected()
    {
        var s = Samples.Reviews();
        var bad = Samples.WithRoute(s, Samples.FirstRoute(s) with { Match = new RouteMatch { Path = StringMatch.ForRegex("/a(b") } });

        var errors = SnapshotValidator.Validate(bad);

        errors.Should().ContainSingle().Which.Path.Should().Be($"{RouteAt}.match.path.regex");
        errors[0].Reason.Should().StartWith("\"/a(b\" does not compile: ");
    }

    [Fact]
    public void Backreferences_are_rejected_as_RE2_would()
    {
        var s = Samples.Reviews();
        var bad = Samples.WithRoute(s, Samples.FirstRoute(s) with { Match = new RouteMatch { Path = StringMatch.ForRegex("(a)\\1") } });

        SnapshotValidator.Validate(bad).Should().ContainSingle().Which.Path.Should().Be($"{RouteAt}.match.path.regex");
    }

    [Fact]
    public void Weights_adding_to_zero_are_rejected()
    {
        var s = Samples.Reviews();
        var r = Samples.FirstRoute(s);
        var bad = Samples.WithRoute(s, r with { Forward = r.Forward! with { Clusters = [new WeightedCluster { Name = Samples.V1, Weight = 0 }] } });

        SnapshotValidator.Validate(bad).Select(e => e.ToString()).Should().Equal(
            $"{RouteAt}.forward.clusters: weights add up to 0; at least one destination must have weight");
    }

    [Fact]
    public void Every_error_is_reported_not_only_the_first()
    {
        var s = Samples.Reviews();
        var bad = s with
        {
            Version = "",
            Listeners = [s.Listeners[0] with { Port = 70000, Address = "localhost" }],
            Endpoints = [s.Endpoints[0] with { ClusterName = "nope" }],
        };

        SnapshotValidator.Validate(bad).Select(e => e.ToString()).Should().Equal(
            "version: is empty; every snapshot needs a version to ACK",
            "listeners[virtualOutbound].address: \"localhost\" is not an IP address",
            "listeners[virtualOutbound].port: 70000 is outside 1..65535",
            "endpoints[nope].clusterName: names cluster \"nope\", which the snapshot does not define");
    }

    [Fact]
    public void A_route_with_two_actions_is_rejected()
    {
        var s = Samples.Reviews();
        var bad = Samples.WithRoute(s, Samples.FirstRoute(s) with { DirectResponse = new DirectResponseAction { Status = 200 } });

        SnapshotValidator.Validate(bad).Select(e => e.ToString()).Should().Equal(
            $"{RouteAt}: has 2 actions; exactly one of forward, redirect, directResponse is required");
    }

    [Fact]
    public void A_listener_pointing_at_a_missing_route_table_is_rejected()
    {
        var s = Samples.Reviews();
        var bad = s with { RouteConfigurations = [] };

        SnapshotValidator.Validate(bad).Select(e => e.ToString()).Should().Equal(
            "listeners[virtualOutbound].filterChains[http].http.routeConfigName: names route configuration \"outbound\", which the snapshot does not define");
    }

    [Fact]
    public void Consistent_hashing_needs_exactly_one_key()
    {
        var s = Samples.Reviews();
        var c = s.Clusters[0] with { LoadBalancer = new() { Policy = Clusters.LoadBalancerPolicy.RingHash, ConsistentHash = new() { HttpHeaderName = "x-user", UseSourceIp = true } } };
        var bad = s with { Clusters = [c, s.Clusters[1]] };

        SnapshotValidator.Validate(bad).Select(e => e.ToString()).Should().Equal(
            $"clusters[{Samples.V1}].loadBalancer.consistentHash: sets 2 hash keys; exactly one of httpHeaderName, httpCookie, useSourceIp, httpQueryParameterName is required");
    }
}
