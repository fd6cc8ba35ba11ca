using Weft.Api.Loading;
using Weft.Api.Validation;
using Weft.Testing;

namespace Weft.Api.Tests.Conformance;

/// <summary>
/// Every manifest of the third-party corpus loads (schema) and validates (semantics), except the
/// files listed here with the reason. Reads ../shared/corpus; never copies it.
/// </summary>
public class CorpusLoadTests(ITestOutputHelper output)
{
    /// <summary>Files that are not plain manifests, relative to the corpus, and why.</summary>
    public static readonly IReadOnlyDictionary<string, string> NotManifests = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // corpus/README.md: Helm or Argo templates, not plain YAML until rendered.
        ["ossm-vm-labs/virt-ossm-workspace/lab-5/travel-control/templates/vs.yaml"] = "Helm template",
        ["ossm-vm-labs/virt-ossm-gitops/bootstrap/templates/application-travel-portal.yaml"] = "Helm template",
        ["ossm-vm-labs/virt-ossm-gitops/bootstrap/templates/application-ossm.yaml"] = "Helm template",
        ["ossm-vm-labs/virt-ossm-gitops/bootstrap/templates/application-travel-agency.yaml"] = "Helm template",
        ["ossm-vm-labs/modernize-ocp-virt-workspace/module-03/travel-control/templates/httproute.yaml"] = "Helm template",
        ["ossm-vm-labs/modernize-ocp-virt-workspace/module-03/travel-control/templates/vm.yaml"] = "Helm template",
        ["ossm-vm-labs/modernize-ocp-virt-workspace/module-03/travel-control/templates/podmonitor.yaml"] = "Helm template",
        ["ossm-vm-labs/modernize-ocp-virt-workspace/module-03/travel-control/templates/ap-allow-selective-principals-travel-control.yaml"] = "Helm template",
        ["ossm-vm-labs/modernize-ocp-virt-workspace/module-03/travel-control/templates/ap-allow-nothing.yaml"] = "Helm template",
        ["ossm-vm-labs/modernize-ocp-virt-workspace/module-03/travel-control/templates/service.yaml"] = "Helm template",
        // Backstage catalog entities (metadata.title, metadata.description): not Kubernetes objects.
        ["ossm-vm-labs/modernize-ocp-virt-workspace/backstage/catalog-info.yaml"] = "Backstage catalog entity",
        ["ossm-vm-labs/modernize-ocp-virt-workspace/backstage/templates/vms/template.yaml"] = "Backstage software template",
        // Data, not manifests.
        ["istio/analyzers/messages.yaml"] = "Istio's message catalogue",
        ["istio/analyzers/expected.json"] = "analyzer expectations",
        ["kiali-travels/travels-db.json"] = "seed data of the travels demo",
        // MeshConfig / MeshNetworks documents, loaded by MeshConfigTests instead.
        ["istio/analyzers/testdata/common/meshconfig.yaml"] = "MeshConfig",
        ["istio/analyzers/testdata/common/meshnetworks.yaml"] = "MeshNetworks",
        ["istio/analyzers/testdata/mesh-with-automtls.yaml"] = "MeshConfig",
        ["istio/analyzers/testdata/serviceentry-address-allocated-mesh-cfg.yaml"] = "MeshConfig",
        ["istio/analyzers/testdata/serviceentry-missing-addresses-protocol-mesh-cfg.yaml"] = "MeshConfig",
        ["istio/analyzers/testdata/telemetry-lightstep-meshconfig.yaml"] = "MeshConfig",
    };

    /// <summary>Documents that Weft refuses on purpose, when loading (an unknown field) or validating them, and why ("file#document").</summary>
    public static readonly IReadOnlyDictionary<string, string> RefusedOnPurpose = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // Kubernetes objects of Istio's analyzer tests that the API server refuses, written on purpose to provoke a finding.
        ["istio/analyzers/testdata/condition-analyzer.yaml#1"] = "Service without ports (spec.ports: Required value)",
        ["istio/analyzers/testdata/webhook.yaml#3"] = "Service without ports (spec.ports: Required value)",
        ["istio/analyzers/testdata/deployment-multi-service.yaml#4"] = "Service port protocol HTTP (only TCP, UDP, SCTP)",
        ["istio/analyzers/testdata/deployment-multi-service.yaml#7"] = "Service port protocol HTTP (only TCP, UDP, SCTP)",
        ["istio/analyzers/testdata/deployment-multi-service.yaml#9"] = "Service port protocol HTTP (only TCP, UDP, SCTP)",
        ["istio/analyzers/testdata/deployment-multi-service.yaml#10"] = "Service port protocol HTTP (only TCP, UDP, SCTP)",
        ["istio/analyzers/testdata/deployment-multi-service.yaml#14"] = "Service port protocol HTTP (only TCP, UDP, SCTP)",
        ["istio/analyzers/testdata/deployment-multi-service-different-ns.yaml#5"] = "Service port protocol HTTP (only TCP, UDP, SCTP)",
        ["istio/analyzers/testdata/virtualservice_destinationhosts.yaml#2"] = "Service port protocols HTTP and HTTPS (only TCP, UDP, SCTP)",
        ["istio/analyzers/testdata/virtualservice_route_rule_no_effects_ingress.yaml#5"] = "Service port protocol HTTP (only TCP, UDP, SCTP)",
        ["istio/analyzers/testdata/gateway-custom-ingressgateway.yaml#3"] = "nodePort on a ClusterIP Service",
        ["istio/analyzers/testdata/gateway-custom-ingressgateway-badport.yaml#3"] = "nodePort on a ClusterIP Service",
        ["istio/analyzers/testdata/gateway-custom-ingressgateway-badport-notarget.yaml#3"] = "nodePort on a ClusterIP Service",
        ["istio/analyzers/testdata/gateway-custom-ingressgateway-svcselector.yaml#5"] = "nodePort on a ClusterIP Service",
        ["istio/analyzers/testdata/gateway-custom-ingressgateway-translation.yaml#3"] = "nodePort on a ClusterIP Service",
        ["istio/analyzers/testdata/service-no-port-name.yaml#1"] = "two Service ports without names (the analyzer's point)",
        ["istio/analyzers/testdata/service-no-port-name-system-namespace.yaml#1"] = "two Service ports without names (the analyzer's point)",
        ["istio/analyzers/testdata/gateway-secrets-validation.yaml#3"] = "kubernetes.io/tls Secret without tls.crt and tls.key (the analyzer's point)",
        ["istio/analyzers/testdata/gateway-secrets-validation.yaml#5"] = "kubernetes.io/tls Secret without tls.crt (the analyzer's point)",
        // The conformance suite fills the controller name in before applying; the CRD's pattern refuses the placeholder.
        ["gateway-api/conformance/tests/gatewayclass-observed-generation-bump.yaml#1"] = "placeholder controllerName {GATEWAY_CONTROLLER_NAME}",
        // The rest of that lab chart, rendered with the placeholder user "userX": upper case in namespaces and host names.
        ["ossm-vm-labs/rendered/modernize-ocp-virt-workspace/module-03/travel-control.yaml#3"] = "placeholder namespace and hostname userX-...",
        ["ossm-vm-labs/rendered/modernize-ocp-virt-workspace/module-03/travel-control.yaml#4"] = "placeholder namespace userX-travel-control-new",
        ["ossm-vm-labs/rendered/modernize-ocp-virt-workspace/module-03/travel-control.yaml#5"] = "placeholder namespace userX-travel-control-new",
        ["ossm-vm-labs/rendered/modernize-ocp-virt-workspace/module-03/travel-control.yaml#6"] = "placeholder namespace userX-travel-control-new",
        // istioctl install profiles: read by istioctl from a file, never applied, so they carry no metadata.name.
        ["istio/samples/bookinfo/demo-profile-no-gateways.yaml#1"] = "IstioOperator install profile without a name",
        ["istio/samples/open-telemetry/loki/iop.yaml#1"] = "IstioOperator install profile without a name",
        ["istio/samples/security/spire/istio-spire-config.yaml#1"] = "IstioOperator install profile without a name",
        // Telemetry: sets both selector and targetRef, which Istio's CRD rule and webhook refuse; the analyzer test hands it straight to the analyzer.
        ["istio/analyzers/testdata/k8sgateway-selector.yaml#6"] = "selector and targetRef together",
        // AuthorizationPolicies rendered with the lab's placeholder namespace "userX-...": upper case, which Kubernetes refuses in a namespace.
        ["ossm-vm-labs/rendered/modernize-ocp-virt-workspace/module-03/travel-control.yaml#1"] = "placeholder namespace userX-travel-control-new",
        ["ossm-vm-labs/rendered/modernize-ocp-virt-workspace/module-03/travel-control.yaml#2"] = "placeholder namespace userX-travel-control-new",
        // networking.istio.io objects of Istio's analyzer tests that Istio's CRD or webhook refuses, written on purpose to provoke a
        // finding; the analyzer tests hand them straight to the analyzer. Unknown fields are refused as kubectl's strict decoding does.
        ["istio/analyzers/testdata/authorizationpolicies.yaml#4"] = "ServiceEntry resolution DNS, no endpoints, wildcard host (hosts must be FQDN)",
        ["istio/analyzers/testdata/condition-analyzer.yaml#2"] = "ServiceEntry without spec, upper case in its name",
        ["istio/analyzers/testdata/conflicting-gateways-invalid-port.yaml#1"] = "Gateway server without port (the analyzer's point)",
        ["istio/analyzers/testdata/conflicting-gateways-invalid-port.yaml#2"] = "Gateway server without port (the analyzer's point)",
        ["istio/analyzers/testdata/conflicting-gateways-multiple-ports.yaml#1"] = "Gateway servers repeating a port name",
        ["istio/analyzers/testdata/conflicting-gateways-multiple-ports.yaml#2"] = "Gateway servers repeating a port name",
        ["istio/analyzers/testdata/deprecation.yaml#1"] = "EnvoyFilter workloadLabels and filters, removed from the API (unknown fields)",
        ["istio/analyzers/testdata/deprecation.yaml#2"] = "HTTP rule with only a fault: no route, redirect or direct response",
        ["istio/analyzers/testdata/envoy-filter-add-operation.yaml#4"] = "EnvoyFilter match field \"app\", which the API lacks",
        ["istio/analyzers/testdata/envoy-filter-add-operation.yaml#5"] = "EnvoyFilter match field \"app\", which the API lacks",
        ["istio/analyzers/testdata/envoy-filter-remove-operation.yaml#2"] = "ROUTE_CONFIGURATION patch with a listener match (the analyzer's point)",
        ["istio/analyzers/testdata/envoy-filter-remove-operation.yaml#3"] = "HTTP_ROUTE patch with a listener match (the analyzer's point)",
        ["istio/analyzers/testdata/envoy-filter-remove-operation.yaml#4"] = "EnvoyFilter patch without an operation",
        ["istio/analyzers/testdata/gateway-no-workload.yaml#1"] = "Gateway without servers",
        ["istio/analyzers/testdata/gateway-secrets.yaml#4"] = "upper case in the Gateway's name",
        ["istio/analyzers/testdata/gateway-secrets.yaml#7"] = "SIMPLE TLS server with neither credentialName nor certificate and key (the analyzer's point)",
        ["istio/analyzers/testdata/relative-envoy-filter-operation.yaml#3"] = "CLUSTER patch with a listener match",
        ["istio/analyzers/testdata/sidecar-default-selector.yaml#10"] = "Sidecar with an empty spec",
        ["istio/analyzers/testdata/sidecar-default-selector.yaml#11"] = "Sidecar with nothing but a selector",
        ["istio/analyzers/testdata/sidecar-default-selector.yaml#14"] = "Sidecar with an empty spec",
        ["istio/analyzers/testdata/sidecar-default-selector.yaml#15"] = "Sidecar with an empty spec",
        ["istio/analyzers/testdata/virtualservice_destinationhosts.yaml#5"] = "ServiceEntry host \"*\"",
        ["istio/analyzers/testdata/virtualservice_destinationhosts.yaml#9"] = "HTTP route entry without a destination ({})",
        ["istio/analyzers/testdata/virtualservice_gateways.yaml#1"] = "Gateway without servers",
        ["istio/analyzers/testdata/virtualservice_gateways.yaml#2"] = "Gateway without servers",
        ["istio/analyzers/testdata/virtualservice_gateways.yaml#3"] = "VirtualService without http, tcp or tls rules",
        ["istio/analyzers/testdata/virtualservice_gateways.yaml#4"] = "VirtualService without http, tcp or tls rules",
        ["istio/analyzers/testdata/virtualservice_gateways.yaml#5"] = "VirtualService without rules, host \"*\" bound to the mesh",
        ["istio/analyzers/testdata/virtualservice_gateways.yaml#6"] = "VirtualService without http, tcp or tls rules",
        ["istio/analyzers/testdata/virtualservice_host_not_found_gateway.yaml#11"] = "Gateway servers repeating a port name",
        ["istio/analyzers/testdata/virtualservice_host_not_found_gateway_beta.yaml#11"] = "Gateway servers repeating a port name",
        ["istio/analyzers/testdata/virtualservice_internal_gateway_ref.yaml#1"] = "gateway name with '~', an internal generated Gateway (the analyzer's point)",
        // Istio's own pilot test configs, using a field removed from HTTPRoute long ago.
        ["istio/tests-testdata-config/rule-websocket-route.yaml#3"] = "websocketUpgrade, removed from the API (unknown field)",
        ["istio/tests-testdata-config/rule-websocket-route.yaml#4"] = "websocketUpgrade, removed from the API (unknown field)",
    };

    public static TheoryData<string> Folders() =>
    [
        "istio/samples", "istio/tests-testdata-config", "istio/analyzers/testdata", "istio/validation/crds",
        "kiali-travels", "ossm-vm-labs", "gateway-api/conformance", "gateway-api/config",
    ];

    [Theory]
    [MemberData(nameof(Folders))]
    public void Every_manifest_loads_and_validates(string folder)
    {
        var corpus = Repo.RequireCorpus();
        var dir = Repo.RequireCorpus(folder);
        var problems = new List<string>();
        var files = 0;
        var objects = 0;
        foreach (var file in ManifestLoader.ExpandPaths([dir], recursive: true))
        {
            var rel = Path.GetRelativePath(corpus, file).Replace('\\', '/');
            if (NotManifests.ContainsKey(rel) || Path.GetFileName(file) is "Chart.yaml" or "values.yaml")
                continue;
            // The invalid halves of Istio's validation pairs are meant to fail; ValidationCorpusTests checks them.
            if (rel.EndsWith("-invalid.yaml", StringComparison.Ordinal))
                continue;
            files++;
            var load = ManifestLoader.LoadFile(file);
            objects += load.Objects.Count;
            foreach (var e in load.Errors)
                if (!RefusedOnPurpose.ContainsKey($"{rel}#{e.DocumentIndex}"))
                    problems.Add($"{rel}: does not load: {e}");
            foreach (var d in Validators.Validate(load.Objects))
                if (!RefusedOnPurpose.ContainsKey($"{rel}#{d.DocumentIndex}"))
                    problems.Add($"{rel}: refused: {d}");
        }
        output.WriteLine($"{folder}: {files} files, {objects} objects, {problems.Count} problems");
        foreach (var p in problems)
            output.WriteLine(p);
        files.Should().BePositive();
        problems.Should().BeEmpty();
    }
}
