// Message catalogue, one JSON file per namespace.
import app from "./app.json";
import nav from "./nav.json";
import roles from "./roles.json";
import login from "./login.json";
import password from "./password.json";
import accounts from "./accounts.json";
import audit from "./audit.json";
import dashboard from "./dashboard.json";
import catalog from "./catalog.json";
import errors from "./errors.json";
import notFound from "./notFound.json";
import table from "./table.json";
import rosters from "./rosters.json";
import imports from "./imports.json";
import trainings from "./trainings.json";
import guidance from "./guidance.json";
import reports from "./reports.json";
import downloads from "./downloads.json";
import forms from "./forms.json";
import home from "./home.json";
import week from "./week.json";
import periodicReport from "./periodicReport.json";
import history from "./history.json";
import notices from "./notices.json";
import charts from "./charts.json";

const messages = { app, nav, roles, login, password, accounts, audit, dashboard, catalog, errors, notFound, table, rosters, imports, trainings, guidance, reports, downloads, forms, home, week, periodicReport, history, notices, charts };
export default messages;
