namespace Weft.Api.Model.GatewayApi;

/// <summary>What a Gateway asks of the resources created for it: labels, annotations, parameters.</summary>
public sealed record GatewayInfrastructure
{
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    public LocalParametersReference? ParametersRef { get; init; }
}
