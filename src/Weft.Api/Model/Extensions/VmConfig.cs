namespace Weft.Api.Model.Extensions;

/// <summary>VmConfig: the environment of the plugin's VM.</summary>
public sealed record VmConfig
{
    /// <summary>At most 256 variables, names unique.</summary>
    public IReadOnlyList<EnvVar>? Env { get; init; }
}
