using Weft.Api.Tests.Security;
using static Weft.Api.Tests.Networking.NetworkingManifests;

namespace Weft.Api.Tests.Networking;

/// <summary>"Every field of those APIs": the rich examples, all valid, set every field of every networking record.</summary>
public class ModelCoverageTests
{
    [Fact]
    public void Every_field_of_the_networking_model_is_set_by_some_valid_rich_example()
    {
        var objects = new[]
        {
            VirtualServiceTests.Rich, VirtualServiceTests.Root, DestinationRuleTests.Rich, GatewayTests.Rich, ServiceEntryTests.Rich,
            WorkloadTests.Entry, WorkloadTests.Groups, SidecarTests.Rich, EnvoyFilterTests.Rich, ProxyConfigTests.Rich,
        }.SelectMany(Manifests.LoadAll).ToArray<object>();

        // Istio refuses each of these whenever it is set, so no valid manifest can carry one.
        UnsetTypeFields(objects).Should().Equal(
            "FaultAbort.http2Error",        // "HTTP/2 abort fault injection not supported yet"
            "FaultDelay.exponentialDelay",  // "exponentialDelay not supported yet"
            "Port.targetPort",              // "targetPort has no impact on Gateways"
            "SidecarPort.targetPort");      // "targetPort has no impact on Sidecars"
    }
}
