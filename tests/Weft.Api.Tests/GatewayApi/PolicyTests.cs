using Weft.Api.Model.GatewayApi;
using Weft.Api.Tests.Security;

namespace Weft.Api.Tests.GatewayApi;

public class PolicyTests
{
    [Fact]
    public void A_rich_reference_grant_round_trips_unchanged()
    {
        var grant = Manifests.Load<ReferenceGrant>("""
            apiVersion: gateway.networking.k8s.io/v1beta1
            kind: ReferenceGrant
            metadata: {name: allow-ingress, namespace: travel-control}
            spec:
              from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: istio-ingress}]
              to: [{group: "", kind: Service, name: control}, {group: "", kind: Secret}]
            """);
        Manifests.UnsetFields(grant).Should().BeEmpty();
        Manifests.RoundTrip(grant).Spec!.To![1].Name.Should().BeNull();
    }

    [Fact]
    public void A_rich_backend_tls_policy_round_trips_unchanged()
    {
        var policies = Manifests.LoadAll("""
            apiVersion: gateway.networking.k8s.io/v1
            kind: BackendTLSPolicy
            metadata: {name: control-tls, namespace: travel-control}
            spec:
              targetRefs: [{group: "", kind: Service, name: control, sectionName: https}]
              validation:
                caCertificateRefs: [{group: "", kind: ConfigMap, name: control-ca}]
                hostname: control.travel-control.svc.cluster.local
                subjectAltNames:
                - {type: Hostname, hostname: "*.travel-control.svc.cluster.local"}
                - {type: URI, uri: "spiffe://cluster.local/ns/travel-control/sa/control"}
              options: {example.com/min-version: "1.3"}
            ---
            apiVersion: gateway.networking.k8s.io/v1alpha3
            kind: BackendTLSPolicy
            metadata: {name: public, namespace: travel-control}
            spec:
              targetRefs: [{group: "", kind: Service, name: payments}]
              validation: {wellKnownCACertificates: System, hostname: payments.example.com}
            """);
        Manifests.UnsetFields(policies[0], policies[1]).Should().BeEmpty();
        Manifests.RoundTrip((BackendTLSPolicy)policies[0]).Spec!.Validation!.SubjectAltNames![1].Type.Should().Be(SubjectAltNameType.URI);
    }

    public static TheoryData<string, string, string> Invalid() => new()
    {
        {
            "a grant from nowhere",
            "kind: ReferenceGrant\nspec: {from: [], to: [{group: \"\", kind: Service}]}",
            "spec.from: Invalid value: 0: spec.from in body should have at least 1 items"
        },
        {
            "a grant to an unnamed kind",
            "kind: ReferenceGrant\nspec: {from: [{group: \"\", kind: Gateway, namespace: a}], to: [{group: \"\"}]}",
            "spec.to[0].kind: Required value"
        },
        {
            "a policy with both CA references and the system CAs",
            "kind: BackendTLSPolicy\nspec: {targetRefs: [{group: \"\", kind: Service, name: a}], validation: {hostname: a.example.com, wellKnownCACertificates: System, caCertificateRefs: [{group: \"\", kind: ConfigMap, name: ca}]}}",
            "spec.validation: Invalid value: \"object\": must not contain both CACertificateRefs and WellKnownCACertificates"
        },
        {
            "a policy with no CA at all",
            "kind: BackendTLSPolicy\nspec: {targetRefs: [{group: \"\", kind: Service, name: a}], validation: {hostname: a.example.com}}",
            "spec.validation: Invalid value: \"object\": must specify either CACertificateRefs or WellKnownCACertificates"
        },
        {
            "a hostname SAN without a hostname",
            "kind: BackendTLSPolicy\nspec: {targetRefs: [{group: \"\", kind: Service, name: a}], validation: {hostname: a.example.com, wellKnownCACertificates: System, subjectAltNames: [{type: Hostname}]}}",
            "spec.validation.subjectAltNames[0]: Invalid value: \"object\": SubjectAltName element must contain Hostname, if Type is set to Hostname"
        },
        {
            "one service targeted twice without sections",
            "kind: BackendTLSPolicy\nspec: {targetRefs: [{group: \"\", kind: Service, name: a}, {group: \"\", kind: Service, name: a}], validation: {hostname: a.example.com, wellKnownCACertificates: System}}",
            "spec.targetRefs: Invalid value: \"array\": sectionName must be unique when targetRefs includes 2 or more references to the same target"
        },
        {
            "a policy without its SNI hostname",
            "kind: BackendTLSPolicy\nspec: {targetRefs: [{group: \"\", kind: Service, name: a}], validation: {wellKnownCACertificates: System}}",
            "spec.validation.hostname: Required value"
        },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_invalid_policy_is_refused_with_one_precise_error(string why, string doc, string expected) =>
        Manifests.Messages($"apiVersion: gateway.networking.k8s.io/v1\nmetadata: {{name: p, namespace: d}}\n{doc}\n").Should().Equal([expected], why);
}
