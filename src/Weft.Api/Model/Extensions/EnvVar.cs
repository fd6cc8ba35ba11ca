namespace Weft.Api.Model.Extensions;

/// <summary>EnvVar: a variable given to the plugin's VM, inline or taken from the proxy's environment.</summary>
public sealed record EnvVar
{
    public string? Name { get; init; }

    /// <summary>Absent means INLINE.</summary>
    public EnvValueSource? ValueFrom { get; init; }

    /// <summary>Only with INLINE.</summary>
    public string? Value { get; init; }
}
