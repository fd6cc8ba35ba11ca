using Weft.Api.Model.Istio;

namespace Weft.Api.Model.Extensions;

/// <summary>istio.extensions.v1alpha1.WasmPlugin.</summary>
public sealed record WasmPluginSpec
{
    public WorkloadSelector? Selector { get; init; }
    public PolicyTargetReference? TargetRef { get; init; }
    public IReadOnlyList<PolicyTargetReference>? TargetRefs { get; init; }

    /// <summary>Where the module is: <c>oci://</c>, <c>https://</c>, <c>http://</c> or <c>file://</c> (no scheme means oci).</summary>
    public string? Url { get; init; }

    /// <summary>The module's (or image's) SHA256, 64 lower-case hex digits.</summary>
    public string? Sha256 { get; init; }

    public PullPolicy? ImagePullPolicy { get; init; }

    /// <summary>A Secret in the plugin's namespace holding registry credentials.</summary>
    public string? ImagePullSecret { get; init; }

    /// <summary>Public key verifying the module's signature.</summary>
    public string? VerificationKey { get; init; }

    /// <summary>Passed to the plugin as its configuration (any JSON).</summary>
    public FreeForm? PluginConfig { get; init; }

    /// <summary>The plugin's root id in the Envoy configuration.</summary>
    public string? PluginName { get; init; }

    public PluginPhase? Phase { get; init; }

    /// <summary>Order among plugins of the same phase; higher runs first.</summary>
    public int? Priority { get; init; }

    public FailStrategy? FailStrategy { get; init; }

    public VmConfig? VmConfig { get; init; }

    public IReadOnlyList<TrafficSelector>? Match { get; init; }

    public PluginType? Type { get; init; }
}
