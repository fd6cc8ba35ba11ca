using System.Globalization;

namespace Weft.Api.Analysis;

/// <summary>How serious a finding is (Istio's levels).</summary>
public enum MessageLevel
{
    Error,
    Warning,
    Info,
}

/// <summary>One entry of the message catalogue: Istio's code, name, level and wording.</summary>
/// <param name="Code">IST0101 and so on.</param>
/// <param name="Name">ReferencedResourceNotFound and so on.</param>
/// <param name="Level">Error, Warning or Info.</param>
/// <param name="Template">The wording, with {0}, {1}... for its arguments.</param>
public sealed record MessageType(string Code, string Name, MessageLevel Level, string Template)
{
    public string Format(params object?[] args) => string.Format(CultureInfo.InvariantCulture, Template, args);
}
