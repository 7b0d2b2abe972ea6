/* The seed's single-line functions, `fn name a b = expr` (lang/ph_fndef.h): a use renders
 * exactly what its body with the arguments written in place renders; functions may use the
 * functions before them; wrong arities, recursion and malformed definitions are refused
 * with clear messages. */
#include "render_test_util.h"

Test(seed_fn, a_use_is_its_body_with_the_arguments_in_place)
{
    cr_expect(same_audio("fn doublesaw freq detune = saw (freq - detune) + saw (freq + detune)\n"
                         "out: doublesaw 110 1 * 0.2",
                         "out: (saw (110 - 1) + saw (110 + 1)) * 0.2", 9600));
    cr_expect(same_audio("fn warm x = x # lpf 800 0.7\nout: warm (saw 110) * 0.3", "out: (saw 110 # lpf 800 0.7) * 0.3",
                         9600), "a signal argument, substituted as written");
    cr_expect(same_audio("fn kick freq = sine freq # env 0.001 0.3 0.0 0.1\nout: kick 55 * 0.5",
                         "out: sine 55 # env 0.001 0.3 0.0 0.1 * 0.5", 48000), "the seed's docs' example");
    cr_expect(same_audio("fn beat n = fast n $ s \"bd sn\"\nout: beat 2", "out: fast 2 $ s \"bd sn\"", 48000),
              "patterns and transforms");
    cr_expect(same_audio("fn pad = saw 110 * 0.2\nout: pad + pad", "out: saw 110 * 0.2 + saw 110 * 0.2", 9600),
              "no parameters: the bare name");
    cr_expect(same_audio("fn quiet x = x * 0.1\nfn dbl f = saw f + saw (f * 2)\nout: quiet (dbl 110)",
                         "out: (saw 110 + saw (110 * 2)) * 0.1", 9600), "uses nested in arguments");
    cr_expect(same_audio("fn quiet x = x * 0.1\nfn soft f = quiet (saw f)\nout: soft 220", "out: saw 220 * 0.1", 9600),
              "a function using an earlier one");
    cr_expect(same_audio("fn sine f = saw f\nout: sine 220 * 0.2", "out: saw 220 * 0.2", 9600),
              "a definition hides the built-in name, as in the seed");
    cr_expect(same_audio("fn lvl x = x * 0.3\n~a: lvl (sine 220)\nout: ~a", "out: sine 220 * 0.3", 9600),
              "in bus statements");
}

Test(seed_fn, a_parameter_hides_an_earlier_function_of_its_name)
{
    cr_expect(same_audio("fn x = saw 55\nfn f x = sine x * 0.2\nout: f 330", "out: sine 330 * 0.2", 9600));
}

Test(seed_fn, mistakes_are_refused_clearly)
{
    refused("fn f x y = x + y\nout: sine (f 1)", "'f' is defined (fn) with 2 parameters; it is given 1");
    refused("fn f x = sine x\nout: f", "'f' is defined (fn) with 1 parameter; it is given 0");
    refused("fn f x = f x\nout: f 1", "fn f calls itself");
    refused("fn f x = sine x + f 2\nout: f 1", "cannot be recursive");
    refused("fn f x\nout: sine 1", "expected a parameter name or '='");
    refused("fn f x x = x\nout: sine 1", "parameter 'x' named twice");
    refused("fn f x =\nout: sine 1", "expected an expression after '='");
    refused("fn = 3\nout: sine 1", "fn needs a name");
    refused("out: 1 = 2", "unexpected character '='");
    refused("~x = sine 3\nout: ~x", "a bus is defined with ':'");
    refused("out = sine 3", "unexpected character '='");
}
