using Weft.Api.Kinds;
using Weft.Api.Model.Maistra;
using Weft.Api.Tests.Security;

namespace Weft.Api.Tests.Maistra;

public class ServiceMeshMemberRollTests
{
    [Fact]
    public void A_rich_member_roll_round_trips_unchanged()
    {
        var smmr = Manifests.Load<ServiceMeshMemberRoll>("""
            apiVersion: maistra.io/v1
            kind: ServiceMeshMemberRoll
            metadata: {name: default, namespace: istio-system}
            spec:
              members: [travel-agency, travel-portal, travel-control]
              memberSelectors:
              - matchLabels: {mesh: travels}
                matchExpressions: [{key: tier, operator: In, values: [front, back]}]
            status:
              configuredMembers: [travel-agency]
            """);
        Manifests.UnsetFields(smmr).Should().BeEmpty();
        Manifests.RoundTrip(smmr).Spec!.Members.Should().Equal("travel-agency", "travel-portal", "travel-control");
        smmr.Spec!.IsClusterScoped.Should().BeFalse();
    }

    [Fact]
    public void A_member_roll_of_every_namespace_is_valid()
    {
        Manifests.Load<ServiceMeshMemberRoll>("apiVersion: maistra.io/v1\nkind: ServiceMeshMemberRoll\nmetadata: {name: default, namespace: istio-system}\nspec: {members: ['*']}\n")
            .Spec!.IsClusterScoped.Should().BeTrue();
    }

    [Fact]
    public void The_control_plane_and_members_are_stored_as_written()
    {
        var objects = Manifests.LoadAll("""
            apiVersion: maistra.io/v2
            kind: ServiceMeshControlPlane
            metadata: {name: basic, namespace: istio-system}
            spec: {version: v2.6, security: {dataPlane: {mtls: true}}}
            ---
            apiVersion: maistra.io/v1
            kind: ServiceMeshMember
            metadata: {name: default, namespace: travel-agency}
            spec: {controlPlaneRef: {name: basic, namespace: istio-system}}
            """);
        objects.Select(o => o.Kind).Should().Equal("ServiceMeshControlPlane", "ServiceMeshMember");
        KindRegistry.Default.FindByName("smmr").Should().ContainSingle().Which.Kind.Should().Be("ServiceMeshMemberRoll");
    }

    public static TheoryData<string, string, string[]> Invalid() => new()
    {
        {
            "a member roll not named default",
            "metadata: {name: travels, namespace: istio-system}\nspec: {members: [a]}",
            ["metadata.name: Invalid value: \"travels\": ServiceMeshMemberRoll must be named 'default'"]
        },
        {
            "every namespace and some more",
            "metadata: {name: default, namespace: istio-system}\nspec: {members: ['*', a]}",
            ["spec.members: Invalid value: when .spec.members contains an asterisk ('*'), it must contain no other entries"]
        },
        {
            "a member that is not a namespace name",
            "metadata: {name: default, namespace: istio-system}\nspec: {members: [Travel_Agency]}",
            ["spec.members[0]: Invalid value: \"Travel_Agency\": .spec.members contains invalid value 'Travel_Agency'. Must be a valid namespace name."]
        },
        {
            "a member listed twice",
            "metadata: {name: default, namespace: istio-system}\nspec: {members: [a, a]}",
            ["spec.members[1]: Duplicate value: \"a\": ServiceMeshMemberRoll may not contain duplicate namespaces in .spec.members"]
        },
        {
            "the control plane's own namespace as a member",
            "metadata: {name: default, namespace: istio-system}\nspec: {members: [istio-system]}",
            ["spec.members[0]: Invalid value: \"istio-system\": mesh project/namespace cannot be listed as a member"]
        },
        {
            "a member selector comparing with nothing",
            "metadata: {name: default, namespace: istio-system}\nspec: {memberSelectors: [{matchExpressions: [{key: a, operator: In}]}]}",
            ["spec.memberSelectors[0].matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"]
        },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_invalid_member_roll_is_refused_as_the_webhook_refuses_it(string why, string doc, string[] expected) =>
        Manifests.Messages($"apiVersion: maistra.io/v1\nkind: ServiceMeshMemberRoll\n{doc}\n").Should().Equal(expected, why);
}
