using System.Collections;
using System.Globalization;
using Weft.Api.Analysis.Support;

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
/// <param name="Template">
/// The wording, with <c>{0}</c>, <c>{1}</c>... for its arguments where Istio's has <c>%s</c>, <c>%v</c>
/// or <c>%d</c>, and <c>{0:q}</c> where it has <c>%q</c> (a double-quoted string). A list argument
/// renders as Go prints a slice: <c>[a b c]</c>.
/// </param>
public sealed record MessageType(string Code, string Name, MessageLevel Level, string Template)
{
    public string Format(params object?[] args) => string.Format(GoFormat.Instance, Template, args);

    /// <summary>Formats arguments as Go's fmt does for the verbs Istio's templates use.</summary>
    private sealed class GoFormat : IFormatProvider, ICustomFormatter
    {
        public static readonly GoFormat Instance = new();

        public object? GetFormat(Type? formatType) => formatType == typeof(ICustomFormatter) ? this : null;

        public string Format(string? format, object? arg, IFormatProvider? formatProvider)
        {
            var text = arg switch
            {
                null => "",
                string s => s,
                IEnumerable list => GoText.List(list.Cast<object?>()),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => arg.ToString() ?? "",
            };
            return format == "q" ? GoText.Quote(text) : text;
        }
    }
}
