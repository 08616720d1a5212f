package dev.ridgeline.identity.web;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.ridgeline.identity.CompanyProfile;
import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.identity.NewUser;
import dev.ridgeline.identity.internal.SignInService;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.Role;
import dev.ridgeline.platform.web.FormState;

/** First run: create the company and its owner, then send the owner a sign-in link. Gone once a company exists. */
@Controller
class SetupController {

    static final List<String> US_TIME_ZONES = List.of("America/New_York", "America/Chicago", "America/Denver",
            "America/Phoenix", "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu");

    private final IdentityService identity;
    private final SignInService signIn;

    SetupController(IdentityService identity, SignInService signIn) {
        this.identity = identity;
        this.signIn = signIn;
    }

    @GetMapping("/setup")
    String form(Model model) {
        if (!identity.needsSetup()) {
            return "redirect:/login";
        }
        model.addAttribute("form", FormState.empty().with("timeZone", "America/Chicago"));
        model.addAttribute("zones", US_TIME_ZONES);
        return "identity/setup";
    }

    @PostMapping("/setup")
    String create(@RequestParam Map<String, String> params, Model model) {
        if (!identity.needsSetup()) {
            return "redirect:/login";
        }
        CompanyProfile company = new CompanyProfile(params.get("name"), params.get("legalName"), params.get("street"),
                params.get("city"), params.get("region"), params.get("postalCode"), params.get("companyPhone"),
                params.get("website"), params.get("timeZone"));
        NewUser owner = new NewUser(params.get("email"), params.get("ownerName"), params.get("phone"), Role.OWNER);
        try {
            identity.setUp(company, owner, params.get("password"), params.containsKey("demo"));
        } catch (InvalidInputException e) {
            Map<String, String> shown = new java.util.HashMap<>(params);
            shown.remove("password");
            model.addAttribute("form", FormState.failed(shown, e));
            model.addAttribute("zones", US_TIME_ZONES);
            return "identity/setup";
        }
        signIn.sendMagicLinkTo(owner.email());
        return "redirect:/login/link-sent?setup";
    }
}
