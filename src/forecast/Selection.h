// Serving the estimator that has been right lately: per category and time of day, the realised error of each
// estimator (and of their blend) at the call, the one with the lowest served, its 80% interval from the same errors.
#pragma once

#include "forecast/Forecast.h"

#include <array>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace lw::forecast {

struct SelectionSettings {
    std::vector<std::string> candidates = {"montecarlo", "baseline", "queue", "les", "hol"};  // a blend is added
    std::string coldStart = "baseline";  // served until a category has had `minCalls` calls scored
    int minCalls = 20;
    double recentMinutes = 30;     // the recent error forgets with this time constant (an hour: e^-2)
    double timeOfDayWeight = 5;    // the error at this hour on past days weighs as much as this many recent calls
    int residualsKept = 120;       // per category and estimator, for the interval
    double intervalStep = 0.005;   // how far one call moves an end of the interval (relative to figure + 2 min)
};

// What the lobby is told for one ticket: a wait, its 80% interval, and who said it.
struct ServedWait {
    double expectedMs = 0;
    double lowMs = 0;
    double highMs = 0;
    std::string estimator;  // a candidate's name, or "blend"
    std::optional<double> recentErrorMs;  // the served one's recent mean absolute error in this category
};

// The errors each estimator made on this category today (for the manager's screen).
struct SelectionStatus {
    std::string category;
    std::string serving;
    std::optional<double> errorTodayMs;  // the served estimator's mean absolute error over today's calls
    int callsToday = 0;
};

class Selection {
public:
    explicit Selection(SelectionSettings settings = {}, int utcOffsetMinutes = 480);
    const SelectionSettings& settings() const { return settings_; }
    // The names in the order of `predictions` below: the candidates, then "blend".
    const std::vector<std::string>& names() const { return names_; }

    // Each candidate's predicted total wait for a ticket of `category` issued (or seen first) at `at`, in the
    // order of settings().candidates (nullopt: that one has no figure). Returns what to serve, and remembers the
    // predictions (with the blend's) to score them when the ticket is called.
    // `ahead`: tickets of the category before it; errors are kept per category and per length of the queue
    // ahead (none, 1-2, 3-5, 6-10, more), since an estimator good for an empty lobby may be poor for a long queue.
    ServedWait serve(const std::string& ticket, const std::string& category, TimeMs at,
                     const std::vector<std::optional<double>>& predictions, int ahead = -1);
    // What would be served, without remembering anything (a ticket already scored, the board's "issued now").
    ServedWait peek(const std::string& category, TimeMs at, const std::vector<std::optional<double>>& predictions,
                    int ahead = -1) const;
    // The ticket was first called at `at` (its wait is now known): every remembered prediction is scored.
    void called(const std::string& ticket, TimeMs at);
    // It left before its call (or was never called): nothing to score.
    void forget(const std::string& ticket);
    bool remembers(const std::string& ticket) const { return pending_.count(ticket) > 0; }

    // The recent mean absolute error of candidate `name` for `category` at `at` (nullopt: not enough calls yet).
    std::optional<double> recentError(const std::string& category, const std::string& name, TimeMs at) const;
    std::vector<SelectionStatus> status(TimeMs at) const;

private:
    struct Score {
        double recentSum = 0, recentWeight = 0;  // decayed to `recentAt`
        TimeMs recentAt = 0;
        std::array<std::array<double, 2>, 24> byHour{};  // past and today: sum of |error|, count
        double todaySum = 0, todayCount = 0;
        std::int64_t today = -1;
        std::deque<double> residuals;  // actual - predicted, latest last
    };
    struct Pending {
        std::string category;
        int ahead = -1;
        TimeMs issuedAt = 0;
        std::vector<std::optional<double>> predictions;  // per name (candidates, then blend)
        std::optional<std::pair<double, double>> told;   // the interval served
    };
    struct CategoryScores {
        std::vector<Score> byName;
        int calls = 0;
    };

    std::optional<double> errorOf(const CategoryScores& c, std::size_t name, TimeMs at) const;
    // The scores to choose by: the category at this queue length once it has had enough calls, else all
    // categories at this length (once the category itself is past its cold start), else the category.
    const CategoryScores* scoresFor(const std::string& category, int ahead) const;
    static std::string keyOf(const std::string& category, int ahead);
    void score(CategoryScores& c, const Pending& p, double actual, TimeMs at, bool pooled);
    std::vector<std::optional<double>> withBlend(const CategoryScores* scores, TimeMs at,
                                                 const std::vector<std::optional<double>>& predictions) const;
    int hourOf(TimeMs at) const;
    std::int64_t dayOf(TimeMs at) const;

    SelectionSettings settings_;
    int utcOffsetMinutes_;
    std::vector<std::string> names_;
    std::map<std::string, CategoryScores> categories_;  // by category, and by category and queue length
    std::map<std::string, Pending> pending_;
    std::vector<std::deque<double>> pooled_;
    // Per category, how far the residuals' 10th and 90th percentiles are moved (relative to the figure and two
    // minutes): nudged after each call so that a tenth of the waits end below the interval and a tenth above,
    // even while the lobby changes faster than the residuals follow (adaptive conformal, one per end).
    std::map<std::string, std::pair<double, double>> shift_;
};

}  // namespace lw::forecast
