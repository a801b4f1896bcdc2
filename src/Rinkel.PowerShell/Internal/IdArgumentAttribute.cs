using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;

namespace Rinkel.Internal
{
    /// <summary>
    /// Turns whatever a user hands an -Id-like parameter into ids: plain ids, objects that carry the id (a user
    /// from Get-RinkelUser, a CSV row, a hashtable), wrapped or not. Without it, PowerShell converts an object to
    /// a string with ToString(), and a user object or an Import-Csv row would be sent to the API as its text.
    /// </summary>
    /// <remarks>
    /// Every -Id-like parameter of every resource takes this attribute with its resource-specific property name
    /// (<c>UserId</c>, later <c>NumberId</c>, <c>RecordingId</c>...): <c>[IdArgument("UserId")]</c>.
    /// An object that carries neither property is a parameter error naming the object and the properties it needs,
    /// never a request with the object's text.
    /// </remarks>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class IdArgumentAttribute : ArgumentTransformationAttribute
    {
        private readonly string[] _propertyNames;

        public IdArgumentAttribute(string resourceIdProperty) => _propertyNames = new[] { "Id", resourceIdProperty };

        /// <summary>The property names, in the order they are tried: <c>Id</c>, then the resource-specific one.</summary>
        internal IReadOnlyList<string> PropertyNames => _propertyNames;

        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var input = Unwrap(inputData);
            if (input is null || input is string) return input;
            if (input is IDictionary || !(input is IEnumerable sequence)) return IdOf(inputData);
            return sequence.Cast<object?>().Select(IdOf).ToArray();
        }

        internal string? IdOf(object? original)
        {
            var item = Unwrap(original);
            switch (item)
            {
                case null:
                    return null;
                case string text:
                    return text;
                case IDictionary dictionary:
                    foreach (var name in _propertyNames)
                        foreach (DictionaryEntry entry in dictionary)
                            if (entry.Key is string key && string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
                                return Text(entry.Value);
                    throw Missing(item, dictionary.Keys.Cast<object>().Select(k => k?.ToString() ?? string.Empty));
            }
            if (IsScalar(item)) return Text(item);
            // The PSObject itself, not its base: an Import-Csv row or a [pscustomobject] keeps its columns there.
            var wrapped = original as PSObject ?? PSObject.AsPSObject(item);
            foreach (var name in _propertyNames)
            {
                if (wrapped.Properties[name] is PSPropertyInfo property) return Text(property.Value);
            }
            throw Missing(wrapped, wrapped.Properties.Select(p => p.Name));
        }

        private ArgumentTransformationMetadataException Missing(object item, IEnumerable<string> has)
        {
            var names = has.Where(n => !string.IsNullOrEmpty(n)).Take(8).ToList();
            var needs = string.Join(" or ", _propertyNames);
            var message = string.Format(CultureInfo.InvariantCulture,
                "Cannot take an id from {0}: it has no {1} property{2}. Give ids, objects with an {1} property, or a CSV with an {1} column.",
                Describe(item), needs,
                names.Count == 0 ? string.Empty : " (it has " + string.Join(", ", names) + ")");
            return new ArgumentTransformationMetadataException(message);
        }

        // An id is one value: a string, a number, a GUID. Anything with properties is looked into instead.
        private static bool IsScalar(object item) =>
            item.GetType().IsPrimitive || item is decimal || item is Guid || item is Enum;

        private static string? Text(object? value)
        {
            value = Unwrap(value);
            return value switch
            {
                null => null,
                string text => text,
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            };
        }

        private static string Describe(object item)
        {
            const int MaxLength = 120;
            string text;
            try
            {
                text = item is IDictionary dictionary
                    ? "@{" + string.Join("; ", dictionary.Keys.Cast<object>().Select(k => k + "=" + dictionary[k])) + "}"
                    : LanguagePrimitives.ConvertTo<string>(PSObject.AsPSObject(item));
            }
            catch (Exception ex) when (ex is PSInvalidCastException || ex is InvalidOperationException)
            {
                text = item.GetType().Name;
            }
            return "'" + (text.Length > MaxLength ? text.Substring(0, MaxLength) + "…" : text) + "'";
        }

        private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;
    }
}
