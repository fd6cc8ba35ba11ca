using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>MeshConfig.ServiceSettings: settings for the services whose host names match.</summary>
[WireNullsAreAbsent]
public sealed record ServiceSettings
{
    public ServiceSettingsValues? Settings { get; init; }

    /// <summary>Host names, matched as DestinationRule hosts are (<c>*.ns.svc.cluster.local</c>).</summary>
    public IReadOnlyList<string>? Hosts { get; init; }
}
