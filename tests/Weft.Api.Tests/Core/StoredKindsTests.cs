using Weft.Api.Kinds;
using Weft.Api.Loading;
using Weft.Api.Model.Meta;

namespace Weft.Api.Tests.Core;

/// <summary>Kinds Weft keeps as written: the corpus's workloads, VMs and operator objects, with kubectl's plurals and scope.</summary>
public class StoredKindsTests
{
    [Theory]
    [InlineData("apps/v1", "Deployment", "deployments", true, "deploy")]
    [InlineData("v1", "Pod", "pods", true, "po")]
    [InlineData("kubevirt.io/v1", "VirtualMachine", "virtualmachines", true, "vm")]
    [InlineData("pool.kubevirt.io/v1alpha1", "VirtualMachinePool", "virtualmachinepools", true, "vmpool")]
    [InlineData("maistra.io/v2", "ServiceMeshControlPlane", "servicemeshcontrolplanes", true, "smcp")]
    [InlineData("maistra.io/v1", "ServiceMeshMember", "servicemeshmembers", true, "smm")]
    [InlineData("install.istio.io/v1alpha1", "IstioOperator", "istiooperators", true, "iop")]
    [InlineData("admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicy", "validatingadmissionpolicies", false, "validatingadmissionpolicy")]
    [InlineData("storage.k8s.io/v1", "CSIDriver", "csidrivers", false, "csidriver")]
    [InlineData("federation.maistra.io/v1", "ServiceMeshPeer", "servicemeshpeers", true, "servicemeshpeer")]
    [InlineData("operators.coreos.com/v1alpha1", "Subscription", "subscriptions", true, "sub")]
    public void Stored_kinds_of_the_corpus_have_their_plural_and_scope(string apiVersion, string kind, string plural, bool namespaced, string name)
    {
        var info = KindRegistry.Default.Resolve(apiVersion, kind, out var error)!;
        error.Should().BeNull();
        (info.Plural, info.Namespaced, info.Support).Should().Be((plural, namespaced, KindSupport.Stored));
        KindRegistry.Default.FindByName(name).Should().Contain(info);
    }

    [Fact]
    public void A_stored_object_keeps_every_field_as_written()
    {
        const string yaml = """
            apiVersion: kubevirt.io/v1
            kind: VirtualMachine
            metadata: {name: cars-vm, namespace: travel-agency, labels: {app: cars}}
            spec:
              running: true
              template:
                metadata: {annotations: {sidecar.istio.io/inject: "true"}}
                spec: {domain: {devices: {}}}
            """;
        var load = ManifestLoader.Load(yaml, "vm.yaml");
        load.Errors.Should().BeEmpty();
        var vm = load.Objects.Should().ContainSingle().Which.Object.Should().BeOfType<GenericObject>().Which;
        vm.Field("spec")!.ToString().Should().Be("{\"running\":true,\"template\":{\"metadata\":{\"annotations\":{\"sidecar.istio.io/inject\":\"true\"}},\"spec\":{\"domain\":{\"devices\":{}}}}}");
    }

    [Fact]
    public void A_kind_nobody_listed_is_still_accepted_with_a_guessed_plural()
    {
        var info = KindRegistry.Default.Resolve("example.com/v1", "Widget", out var error)!;
        error.Should().BeNull();
        (info.Plural, info.Support).Should().Be(("widgets", KindSupport.Stored));
    }
}
