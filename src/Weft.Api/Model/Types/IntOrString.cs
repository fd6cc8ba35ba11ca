using System.Globalization;

namespace Weft.Api.Model;

/// <summary>Kubernetes' IntOrString (a Service's targetPort: <c>8080</c> or <c>http</c>).</summary>
public readonly record struct IntOrString
{
    public IntOrString(int value) => (IsInt, IntValue, StringValue) = (true, value, null);

    public IntOrString(string value) => (IsInt, IntValue, StringValue) = (false, 0, value);

    public bool IsInt { get; }

    public int IntValue { get; }

    public string? StringValue { get; }

    public override string ToString() => IsInt ? IntValue.ToString(CultureInfo.InvariantCulture) : StringValue ?? "";
}
