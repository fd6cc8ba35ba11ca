namespace Weft.Api.Model.GatewayApi;

/// <summary>What a policy (BackendTLSPolicy) attaches to: an object in its namespace, optionally one section (a Service port name).</summary>
public sealed record LocalPolicyTargetReferenceWithSectionName
{
    public string? Group { get; init; }

    public string? Kind { get; init; }

    public string? Name { get; init; }

    public string? SectionName { get; init; }
}
