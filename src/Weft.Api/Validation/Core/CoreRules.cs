using System.Text.RegularExpressions;

namespace Weft.Api.Validation.Core;

/// <summary>Kubernetes' checks of core values (k8s.io/apimachinery validation), in its words.</summary>
public static partial class CoreRules
{
    /// <summary>The largest Secret or ConfigMap, in bytes (Kubernetes' MaxSecretSize).</summary>
    public const int MaxDataSize = 1024 * 1024;

    public const string PortRangeMessage = "must be between 1 and 65535, inclusive";

    public const string ConfigKeyMessage =
        "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

    /// <summary>A port number, 1..65535.</summary>
    public static FieldError? PortNumber(string path, int port) =>
        port is < 1 or > 65535 ? FieldError.Invalid(path, port, PortRangeMessage) : null;

    /// <summary>An IANA_SVC_NAME: a container port's name, which a Service's targetPort may use.</summary>
    public static IEnumerable<FieldError> PortName(string path, string name)
    {
        if (name.Length > 15)
            yield return FieldError.Invalid(path, name, "must be no more than 15 characters");
        if (!PortNameCharset().IsMatch(name))
            yield return FieldError.Invalid(path, name, "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        if (!PortNameLetter().IsMatch(name))
            yield return FieldError.Invalid(path, name, "must contain at least one letter (a-z)");
        if (name.Contains("--", StringComparison.Ordinal))
            yield return FieldError.Invalid(path, name, "must not contain consecutive hyphens");
        if (name.Length > 0 && (name[0] == '-' || name[^1] == '-'))
            yield return FieldError.Invalid(path, name, "must not begin or end with a hyphen");
    }

    /// <summary>A key of a Secret's or ConfigMap's data: a file name when mounted, so no path tricks.</summary>
    public static IEnumerable<FieldError> ConfigKey(string path, string key)
    {
        if (key.Length > 253)
            yield return FieldError.Invalid(path, key, "must be no more than 253 characters");
        if (!ConfigKeyRegex().IsMatch(key))
            yield return FieldError.Invalid(path, key, ConfigKeyMessage);
        if (key == ".")
            yield return FieldError.Invalid(path, key, "must not be '.'");
        else if (key == "..")
            yield return FieldError.Invalid(path, key, "must not be '..'");
        else if (key.StartsWith("..", StringComparison.Ordinal))
            yield return FieldError.Invalid(path, key, "must not start with '..'");
    }

    /// <summary>
    /// Checks standard base64 as Go's encoding/json decodes []byte (line breaks are skipped, other
    /// space is not); on failure says where, as Go does ("illegal base64 data at input byte 4"),
    /// without repeating the value, which may be secret.
    /// </summary>
    public static bool TryDecodeBase64(string text, out int decodedLength, out string? error)
    {
        decodedLength = 0;
        error = null;
        var compact = text.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal);
        var bad = -1;
        for (var i = 0; i < compact.Length && bad < 0; i++)
        {
            var c = compact[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '='))
                bad = i;
        }
        var buffer = new byte[(compact.Length * 3 / 4) + 3];
        if (bad < 0 && compact.Length % 4 == 0 && Convert.TryFromBase64String(compact, buffer, out decodedLength))
            return true;
        if (bad < 0)
        {
            // Misplaced padding, or a last group of fewer than four characters.
            var pad = compact.IndexOf('=', StringComparison.Ordinal);
            bad = pad >= 0 && pad < compact.Length - 2 ? pad : compact.Length - (compact.Length % 4);
        }
        error = $"illegal base64 data at input byte {bad}";
        return false;
    }

    [GeneratedRegex("^[-a-z0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex PortNameCharset();

    [GeneratedRegex("[a-z]", RegexOptions.CultureInvariant)]
    private static partial Regex PortNameLetter();

    [GeneratedRegex("^[-._a-zA-Z0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex ConfigKeyRegex();
}
