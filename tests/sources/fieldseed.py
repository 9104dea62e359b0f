"""Made-up identities the tests register and then look for in raw bytes."""

IDENTITY_1 = "رانيا وردة الاختبارية"
CONTACT_1 = "+963-955-000-731"
IDENTITY_2 = "Tariq Testfield-Nour"
CONTACT_2 = "signal:tariq.testfield"
