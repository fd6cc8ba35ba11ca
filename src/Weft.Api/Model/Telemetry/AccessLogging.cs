namespace Weft.Api.Model.Telemetry;

/// <summary>AccessLogging: which providers write access logs, and for which requests.</summary>
public sealed record AccessLogging
{
    public LogSelector? Match { get; init; }

    /// <summary>Absent means MeshConfig defaultProviders.accessLogging.</summary>
    public IReadOnlyList<ProviderRef>? Providers { get; init; }

    public bool? Disabled { get; init; }

    /// <summary>Only requests for which the CEL expression is true are logged.</summary>
    public AccessLogFilter? Filter { get; init; }
}
