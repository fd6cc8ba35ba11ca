namespace Weft.Api.Tests.Analysis;

/// <summary>
/// The cases of Istio's analyzer tests Weft deliberately does not support, each with the reason. A
/// whole analyzer is listed when what it checks does not exist in Weft.
/// </summary>
public static class UnsupportedAnalyzerCases
{
    // Key: Istio's analyzer name; every case of that analyzer is unsupported for the reason given.
    private static readonly Dictionary<string, string> ByAnalyzer = new(StringComparer.Ordinal)
    {
        ["externalcontrolplane.ExternalControlPlaneAnalyzer"] =
            "checks the injection and validation webhooks of an Istio external control plane (istiod in another cluster); " +
            "Weft's control plane is weftd, which has no such webhooks",
        ["webhook.Analyzer"] =
            "checks the namespace and object selectors of istiod's mutating and validating webhook configurations; Weft installs no admission webhooks",
        ["injection.ImageAnalyzer"] =
            "compares pods' istio-proxy images with the image in the istio-sidecar-injector ConfigMap; " +
            "Weft's proxy is weft-proxy, not an injected container image, so there is no injector configuration to compare with",
        ["injection.ImageAutoAnalyzer"] =
            "looks for `image: auto`, a placeholder only Istio's injection webhook replaces; Weft has no injection webhook",
        ["authn.BlockedCIDRsAnalyzer"] =
            "reads the BLOCKED_CIDRS_IN_JWKS_URIS environment variable of the istiod Deployment; Weft's control plane is not an istiod Deployment",
        ["k8sgateway.CRDVersionAnalyzer"] =
            "compares the installed Gateway API CRDs' bundle version with the one Istio needs; " +
            "Weft types the Gateway API itself and does not read CustomResourceDefinitions",
        ["services.MultiClusterServiceAnalyzer"] =
            "compares each Service across the clusters of a multi-cluster mesh; Weft runs one mesh per control plane and has no multi-cluster mode",
    };

    // Key: the case key ("NNN name"), for single cases of otherwise supported analyzers.
    private static readonly Dictionary<string, string> ByCase = new(StringComparer.Ordinal)
    {
    };

    public static string? Reason(AnalyzerCase c) =>
        ByCase.TryGetValue(c.Key, out var r) ? r : ByAnalyzer.GetValueOrDefault(c.Analyzer);
}
