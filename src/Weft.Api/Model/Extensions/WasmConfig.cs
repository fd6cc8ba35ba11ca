namespace Weft.Api.Model.Extensions;

/// <summary>TrafficExtension's WebAssembly module: the module fields of a WasmPlugin.</summary>
public sealed record WasmConfig
{
    public string? Url { get; init; }
    public string? Sha256 { get; init; }
    public PullPolicy? ImagePullPolicy { get; init; }
    public string? ImagePullSecret { get; init; }
    public string? VerificationKey { get; init; }
    public FreeForm? PluginConfig { get; init; }
    public string? PluginName { get; init; }
    public FailStrategy? FailStrategy { get; init; }
    public VmConfig? VmConfig { get; init; }
    public PluginType? Type { get; init; }
}
