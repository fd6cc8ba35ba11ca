using Weft.Api.Kinds;
using Weft.Api.Model.Core;
using Weft.Api.Tests.Security;

namespace Weft.Api.Tests.Core;

public class NamespaceAndServiceAccountTests
{
    [Fact]
    public void A_rich_namespace_round_trips_unchanged()
    {
        var ns = Manifests.Load<Namespace>("""
            apiVersion: v1
            kind: Namespace
            metadata:
              name: travel-agency
              labels: {istio-injection: enabled}
            spec:
              finalizers: [kubernetes, example.com/cleanup]
            status: {phase: Active}
            """);
        Manifests.UnsetFields(ns).Should().BeEmpty();
        Manifests.RoundTrip(ns).Metadata.Label("istio-injection").Should().Be("enabled");
    }

    [Fact]
    public void A_rich_service_account_round_trips_unchanged()
    {
        var sa = Manifests.Load<ServiceAccount>("""
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: cars, namespace: travel-agency}
            automountServiceAccountToken: false
            secrets:
            - {kind: Secret, namespace: travel-agency, name: cars-token, uid: "1234", apiVersion: v1, resourceVersion: "7", fieldPath: data}
            imagePullSecrets: [{name: registry}]
            """);
        Manifests.UnsetFields(sa).Should().BeEmpty();
        Manifests.RoundTrip(sa).AutomountServiceAccountToken.Should().BeFalse();
    }

    [Fact]
    public void A_namespace_name_with_upper_case_is_refused()
    {
        Manifests.Messages("apiVersion: v1\nkind: Namespace\nmetadata: {name: Travel}\n").Should().Equal(
            "metadata.name: Invalid value: \"Travel\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
    }

    [Fact]
    public void A_finalizer_that_is_neither_standard_nor_qualified_is_refused()
    {
        Manifests.Messages("apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\nspec: {finalizers: [cleanup]}\n").Should().Equal(
            "spec.finalizers[0]: Invalid value: \"cleanup\": name is neither a standard finalizer name nor is it fully qualified");
    }

    [Theory]
    [InlineData("ns", "Namespace", false)]
    [InlineData("svc", "Service", true)]
    [InlineData("sa", "ServiceAccount", true)]
    [InlineData("cm", "ConfigMap", true)]
    [InlineData("secret", "Secret", true)]
    [InlineData("secrets", "Secret", true)]
    public void Core_kinds_have_kubectl_names_and_scope(string name, string kind, bool namespaced)
    {
        var info = KindRegistry.Default.FindByName(name).Should().ContainSingle().Which;
        (info.Group, info.Kind, info.Namespaced).Should().Be(("", kind, namespaced));
        info.Support.Should().NotBe(KindSupport.Stored);
    }
}
