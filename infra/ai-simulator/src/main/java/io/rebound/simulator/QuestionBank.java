package io.rebound.simulator;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Picks a realistic interview question for the role named in the prompt's {@code <role>} tag (or on a {@code Role:}
 * line).
 */
final class QuestionBank {

    enum Family {
        // Checked in this order, so that e.g. "ML platform engineer" is data and "Engineering manager" is not backend.
        DATA("\\b(data|ml|machine learning|scientist|analyst|analytics|ai)\\b"),
        DEVOPS("\\b(devops|sre|site reliability|reliability|infrastructure|infra|platform|cloud|kubernetes|ops)\\b"),
        FRONTEND("\\b(front[- ]?end|react|angular|vue|ui|web|javascript|typescript|mobile|ios|android)\\b"),
        BACKEND("\\b(back[- ]?end|server|java|kotlin|golang|python|api|full[- ]?stack|software engineer|developer)\\b"),
        PRODUCT("\\b(product|manager|management|owner|pm|lead|director|head)\\b"),
        GENERIC("(?!)"); // never matches: the fallback

        private final Pattern keywords;

        Family(String regex) {
            this.keywords = Pattern.compile(regex);
        }
    }

    private static final Pattern ROLE_LINE = Pattern.compile("(?im)\\brole:[ \\t]*([^\\r\\n]*)");
    // Rebound's worker puts what users typed between tags: <role>Backend engineer</role>.
    private static final Pattern ROLE_TAG = Pattern.compile("(?is)<role>(.*?)</role>");

    private static final Map<Family, List<String>> QUESTIONS = new EnumMap<>(
            Map.of(
                    Family.BACKEND,
                            List.of(
                                    "How would you design an idempotent REST endpoint for creating payments, and why does it matter?",
                                    "Walk me through how you would find and fix a slow database query in production.",
                                    "When would you choose asynchronous messaging over synchronous HTTP calls between services?",
                                    "How do you handle retries against a flaky downstream dependency without making an outage worse?",
                                    "Explain how you would version a public API without breaking existing clients.",
                                    "Describe a race condition you have debugged. How did you find it and how did you fix it?",
                                    "How would you design a rate limiter shared by several instances of a service?",
                                    "What is your approach to database schema migrations on a service that cannot have downtime?"),
                    Family.FRONTEND,
                            List.of(
                                    "How do you decide what state belongs in a global store versus local component state?",
                                    "Walk me through how you would diagnose a page that feels slow on a mid-range phone.",
                                    "How do you make a custom dropdown component accessible to keyboard and screen-reader users?",
                                    "Explain how you would avoid layout shifts while images and ads load.",
                                    "How would you structure error handling and retries for API calls in a single-page app?",
                                    "Describe how you would test a complex form with async validation.",
                                    "What trade-offs do you weigh between server-side rendering and client-side rendering?",
                                    "How would you roll out a redesign of a critical page without breaking existing users?"),
                    Family.DATA,
                            List.of(
                                    "How would you detect and handle data leakage when building a predictive model?",
                                    "Your model performs well offline but poorly in production. How do you investigate?",
                                    "Explain how you would choose an evaluation metric for a heavily imbalanced classification problem.",
                                    "Walk me through designing an A/B test for a new recommendation algorithm.",
                                    "How do you decide between a simple baseline and a more complex model?",
                                    "Describe how you would monitor a deployed model for drift.",
                                    "How would you explain a model's prediction to a non-technical stakeholder?",
                                    "Tell me about a time messy or missing data changed your conclusions. What did you do?"),
                    Family.DEVOPS,
                            List.of(
                                    "Walk me through how you would run the response to a production outage from the first alert.",
                                    "How do you choose service level objectives and error budgets for a new service?",
                                    "Describe how you would design a zero-downtime deployment pipeline.",
                                    "A Kubernetes pod keeps restarting. How do you find out why?",
                                    "How would you reduce alert fatigue for an on-call team?",
                                    "Explain how you manage secrets across environments and rotate them safely.",
                                    "How do you approach capacity planning for a service with seasonal traffic peaks?",
                                    "Tell me about a postmortem you led. What changed because of it?"),
                    Family.PRODUCT,
                            List.of(
                                    "How do you decide what goes into the next quarter's roadmap when everything seems urgent?",
                                    "Tell me about a product decision you made with incomplete data. How did it turn out?",
                                    "How would you measure the success of a feature that users rarely touch but value highly?",
                                    "Describe a time you had to say no to an important stakeholder. How did you handle it?",
                                    "Walk me through how you would discover the real problem behind a customer feature request.",
                                    "How do you handle a team that keeps missing its commitments?",
                                    "Which metrics would you put on a dashboard for a new onboarding flow, and why?",
                                    "Tell me about a launch that did not go as planned. What did you learn?"),
                    Family.GENERIC,
                            List.of(
                                    "Tell me about a project you are proud of and the part you personally played in it.",
                                    "Describe a time you disagreed with a teammate. How did you resolve it?",
                                    "Tell me about a mistake you made at work and what you changed afterwards.",
                                    "How do you prioritise when you have more work than time?",
                                    "Describe a time you had to learn something new quickly to deliver a result.",
                                    "Tell me about feedback that was hard to hear. What did you do with it?",
                                    "Walk me through how you approach a problem you have never seen before.",
                                    "Why are you interested in this role, and what would you want to achieve in your first six months?")));

    private final Map<Family, AtomicInteger> counters = new EnumMap<>(Family.class);

    QuestionBank() {
        for (Family family : Family.values()) {
            counters.put(family, new AtomicInteger());
        }
    }

    static Family familyOf(String prompt) {
        String role = roleOf(prompt);
        if (role == null) {
            return Family.GENERIC;
        }
        String name = role.toLowerCase(Locale.ROOT);
        for (Family family : Family.values()) {
            if (family.keywords.matcher(name).find()) {
                return family;
            }
        }
        return Family.GENERIC;
    }

    /** The role in the prompt's {@code <role>} tag or {@code Role:} line, or null. */
    static String roleOf(String prompt) {
        Matcher role = ROLE_TAG.matcher(prompt);
        if (role.find() || (role = ROLE_LINE.matcher(prompt)).find()) {
            String name = role.group(1).strip();
            return name.isEmpty() ? null : name;
        }
        return null;
    }

    static List<String> questions(Family family) {
        return QUESTIONS.get(family);
    }

    /**
     * Rotates through the family's bank so consecutive calls differ, and skips questions already quoted in the prompt
     * because callers often list the questions asked so far to avoid repeats.
     */
    String next(String prompt) {
        Family family = familyOf(prompt);
        List<String> bank = questions(family);
        AtomicInteger counter = counters.get(family);
        int start = Math.floorMod(counter.getAndIncrement(), bank.size());
        for (int skipped = 0; skipped < bank.size(); skipped++) {
            String question = bank.get((start + skipped) % bank.size());
            if (!prompt.contains(question)) {
                // Moving the counter past skipped questions keeps the next call from landing on this one again.
                counter.addAndGet(skipped);
                return question;
            }
        }
        return bank.get(start);
    }
}
