namespace Weft.Api.Analysis.Annotations;

/// <summary>How settled an annotation's feature is, as Istio documents it.</summary>
public enum FeatureStatus
{
    Alpha,
    Beta,
    Stable,
}
